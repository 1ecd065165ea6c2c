package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command lines, read as a reviewer would: what is mounted, shared, limited and passed on. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CommandsTest {

    private static final Host MERGED_USR = new Host(0, Path.of("/bin/sh"), Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/prlimit"),
            List.of(new Host.RootEntry("/bin", Optional.of("usr/bin")), new Host.RootEntry("/lib", Optional.of("usr/lib")),
                    new Host.RootEntry("/lib64", Optional.empty())));
    private static final SandboxConfig CONFIG = SandboxConfig.defaults().withBwrap(Path.of("/usr/bin/bwrap"));
    private static final Slot OWN_UID = new Slot(0, 61003, true);

    private final Commands commands = new Commands(CONFIG, MERGED_USR, new MemoryFence.ProcessBudget("a test"));

    @Test
    void bubblewrapCommandDropsPrivilegesThenLimitsThenIsolates() {
        String cmd = String.join(" ", commands.bubblewrap(OWN_UID, Path.of("/w/run-1/main.py"), Path.of("/w/run-1/status.json")));

        assertThat(cmd).startsWith("/bin/sh -c echo 1000 >/proc/self/oom_score_adj && exec 3>\"$1\" 4<\"$2\" && unset PWD && shift 2 "
                + "&& exec \"$@\" evalstream-sandbox /w/run-1/status.json /w/run-1/seccomp.bpf "
                + "/usr/bin/setpriv --reuid 61003 --regid 61003 --clear-groups /usr/bin/prlimit --cpu=5:6 --as=268435456 --nproc=");
        assertThat(cmd).contains("--fsize=16777216 --nofile=64 --core=0 /usr/bin/bwrap --json-status-fd 3 --seccomp 4 --unshare-all "
                + "--unshare-user --disable-userns --die-with-parent --new-session --cap-drop ALL --ro-bind /usr /usr "
                + "--symlink usr/bin /bin --symlink usr/lib /lib --ro-bind /lib64 /lib64 --proc /proc --dev /dev "
                + "--size 67108864 --tmpfs /tmp --size 67108864 --tmpfs /scratch --ro-bind /w/run-1/main.py /scratch/main.py "
                + "--remount-ro /dev --remount-ro / --chdir /scratch --clearenv --setenv PATH /usr/bin:/bin --setenv HOME /scratch "
                + "--setenv PYTHONDONTWRITEBYTECODE 1 --setenv PYTHONHASHSEED 0 -- ");
        assertThat(cmd).endsWith(" -s -B -u main.py");
    }

    @Test
    void noPrivateHostTreeIsMounted() {
        List<String> cmd = commands.bubblewrap(OWN_UID, Path.of("/w/run-1/main.py"), Path.of("/w/run-1/status.json"));

        for (String secret : List.of("/etc", "/root", "/home", "/work", "/var", "/run", "/sys")) {
            assertThat(cmd).noneMatch(arg -> arg.equals(secret) || arg.startsWith(secret + "/"));
        }
        assertThat(cmd).doesNotContain("--share-net", "--bind", "--dev-bind");
    }

    @Test
    void withoutAUidOfItsOwnNothingSwitchesUser() {
        Slot shared = new Slot(0, 0, false);

        assertThat(commands.bubblewrap(shared, Path.of("/w/main.py"), Path.of("/w/s.json"))).doesNotContain("/usr/bin/setpriv");
        assertThat(commands.rlimitsOnly(shared)).doesNotContain("/usr/bin/setpriv").contains("/usr/bin/prlimit");
    }

    @Test
    void rlimitsOnlyCommandSwitchesUidLimitsAndRunsThePythonOnly() {
        List<String> cmd = commands.rlimitsOnly(OWN_UID);

        assertThat(cmd.subList(0, 5)).containsExactly("/bin/sh", "-c", "echo 1000 >/proc/self/oom_score_adj && unset PWD && shift 0 && exec \"$@\"",
                "evalstream-sandbox", "/usr/bin/setpriv");
        assertThat(cmd.subList(4, 11)).containsExactly("/usr/bin/setpriv", "--reuid", "61003", "--regid", "61003",
                "--clear-groups", "/usr/bin/prlimit");
        assertThat(cmd).contains("--cpu=5:6", "--as=268435456", "--fsize=16777216", "--nofile=64", "--core=0");
        assertThat(cmd.subList(cmd.size() - 4, cmd.size())).containsExactly("-s", "-B", "-u", "main.py");
    }

    @Test
    void environmentIsOursAlone() {
        assertThat(commands.environment("/scratch")).containsExactly(
                Map.entry("PATH", "/usr/bin:/bin"), Map.entry("HOME", "/scratch"),
                Map.entry("PYTHONDONTWRITEBYTECODE", "1"), Map.entry("PYTHONHASHSEED", "0"));
    }
}
