package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether the host's cgroup tree is ours to use, from what /proc says; nothing is assumed. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CgroupsTest {

    private static final Host ROOT = new Host(0, Path.of("/bin/sh"), Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/prlimit"), List.of());
    private static final Host USER = new Host(1000, Path.of("/bin/sh"), Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/prlimit"), List.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            container with a writable cgroup2 and its own namespace | root | cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev 0 0                          | 0::/                      |
            host root cgroup (no systemd)                           | root | none /sys/fs/cgroup cgroup2 rw,relatime 0 0                                  | 0::/                      |
            not root                                                | user | cgroup2 /sys/fs/cgroup cgroup2 rw 0 0                                       | 0::/                      | not root
            unprivileged container: read-only cgroup2               | root | cgroup2 /sys/fs/cgroup cgroup2 ro,nosuid,nodev 0 0                          | 0::/                      | mounted read-only
            hybrid host: v1 controllers under a tmpfs               | root | tmpfs /sys/fs/cgroup tmpfs rw,mode=755 0 0\\ncgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0 | 0::/ | is tmpfs, not cgroup2
            nothing mounted                                         | root | proc /proc proc rw 0 0                                                      | 0::/                      | is not mounted
            a later read-only mount hides the writable one          | root | cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\\ncgroup2 /sys/fs/cgroup cgroup2 ro 0 0 | 0::/              | mounted read-only
            a systemd session scope                                 | root | cgroup2 /sys/fs/cgroup cgroup2 rw 0 0                                       | 0::/user.slice/session-3.scope | not the root of its own cgroup namespace
            cgroup v1 only membership                               | root | cgroup2 /sys/fs/cgroup cgroup2 rw 0 0                                       | 4:memory:/x               | in no cgroup v2 group
            """)
    void theCgroupTreeIsUsedOnlyWhenItIsWritableCgroup2AndOurs(String name, String who, String mounts, String selfCgroup,
                                                              String problem) {
        Optional<String> found = Cgroups.problem(who.equals("root") ? ROOT : USER, mounts.translateEscapes(),
                selfCgroup.translateEscapes());

        if (problem == null) {
            assertThat(found).as(name).isEmpty();
        } else {
            assertThat(found).as(name).hasValueSatisfying(reason -> assertThat(reason).contains(problem));
        }
    }

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource(delimiter = '|', textBlock = """
            low 0\\nhigh 0\\nmax 12\\noom 1\\noom_kill 1\\noom_group_kill 0 | oom_kill       | 1
            low 0\\nhigh 0\\nmax 0\\noom 0\\noom_kill 0                     | oom_kill       | 0
            low 0\\noom_group_kill 3                                       | oom_group_kill | 3
            ''                                                            | oom_kill       | 0
            """)
    void eventCountersAreReadByName(String events, String name, long value) {
        assertThat(Cgroups.counter(events.translateEscapes(), name)).isEqualTo(value);
    }
}
