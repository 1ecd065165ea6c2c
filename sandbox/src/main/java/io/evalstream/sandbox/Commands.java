package io.evalstream.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command lines that run one program, so that what is isolated how can be read in one place.
 *
 * <p>Order matters: {@code sh}, still privileged, makes the sandbox the OOM killer's first choice and opens
 * bwrap's status file (fd 3) and seccomp filter (fd 4); {@code setpriv} switches to the slot's uid (RLIMIT_NPROC
 * then counts that uid alone), {@code prlimit} sets the limits that everything after it inherits, and
 * {@code bwrap} builds the namespaces and installs the filter just before it starts the program.
 */
final class Commands {

    static final String SCRATCH = "/scratch";
    static final String PROGRAM = "main.py";
    /** Written into each run directory beside the program, read by the privileged wrapper only. */
    static final String SECCOMP_FILE = "seccomp.bpf";
    private static final String STATUS_FD = "3";
    private static final String SECCOMP_FD = "4";
    /**
     * The most an unprivileged process can be chosen by the OOM killer. Written while still root, it also raises
     * the floor below which the program cannot lower it again, and every child inherits it.
     */
    private static final String OOM_FIRST = "echo 1000 >/proc/self/oom_score_adj";
    /** bwrap's monitor and its pid-1 init also run as the slot uid, and count against RLIMIT_NPROC. */
    private static final int BWRAP_HELPERS = 2;
    private static final int OPEN_FILES = 64;

    private final SandboxConfig config;
    private final Host host;
    private final String python;
    private final Optional<byte[]> seccomp;
    private final MemoryFence fence;

    /** The interpreter is run by its real path: a symlink outside /usr would not exist inside the sandbox. */
    Commands(SandboxConfig config, Host host, MemoryFence fence) {
        this.config = config;
        this.host = host;
        this.fence = fence;
        this.python = realPath(config.python()).toString();
        this.seccomp = SeccompFilter.forArchitecture(System.getProperty("os.arch"));
    }

    /** The compiled seccomp filter for the program under bubblewrap; none on a machine it was not written for. */
    Optional<byte[]> seccomp() {
        return seccomp.map(byte[]::clone);
    }

    static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file; // the probe reports the missing interpreter
        }
    }

    /** The {@link #seccomp()} filter, when there is one, is read from {@value #SECCOMP_FILE} beside {@code statusFile}. */
    List<String> bubblewrap(Slot slot, Path program, Path statusFile) {
        List<String> cmd = new ArrayList<>(seccomp.isPresent()
                ? wrapper(slot, "exec " + STATUS_FD + ">\"$1\" " + SECCOMP_FD + "<\"$2\"",
                        statusFile.toString(), statusFile.resolveSibling(SECCOMP_FILE).toString())
                : wrapper(slot, "exec " + STATUS_FD + ">\"$1\"", statusFile.toString()));
        cmd.addAll(limits(slot, BWRAP_HELPERS));
        cmd.addAll(List.of(config.bwrap().toString(), "--json-status-fd", STATUS_FD));
        if (seccomp.isPresent()) {
            cmd.addAll(List.of("--seccomp", SECCOMP_FD));
        }
        cmd.addAll(List.of(
                "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session",
                "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr"));
        for (Host.RootEntry entry : host.rootEntries()) {
            cmd.addAll(entry.symlinkTarget().map(target -> List.of("--symlink", target, entry.path()))
                    .orElseGet(() -> List.of("--ro-bind", entry.path(), entry.path())));
        }
        String tmpfsBytes = Long.toString(config.limits().tmpfsBytes());
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--size", tmpfsBytes, "--tmpfs", "/tmp", "--size", tmpfsBytes, "--tmpfs", SCRATCH,
                "--ro-bind", program.toString(), SCRATCH + "/" + PROGRAM,
                // The root and /dev are bwrap's own tmpfs mounts, unbounded: nothing may be written there.
                "--remount-ro", "/dev", "--remount-ro", "/",
                "--chdir", SCRATCH, "--clearenv"));
        environment(SCRATCH).forEach((name, value) -> cmd.addAll(List.of("--setenv", name, value)));
        cmd.add("--");
        cmd.addAll(python());
        return cmd;
    }

    /** Run with the scratch directory as working directory and {@link #environment} as the whole environment. */
    List<String> rlimitsOnly(Slot slot) {
        List<String> cmd = new ArrayList<>(wrapper(slot, null));
        cmd.addAll(limits(slot, 0));
        cmd.addAll(python());
        return cmd;
    }

    /**
     * The program's whole environment: nothing of the JVM's (API keys!) gets through. Python's {@code -I} is not
     * used because it implies {@code -E}, which would ignore PYTHONHASHSEED; with the environment fully ours,
     * {@code -E} protects nothing.
     */
    Map<String, String> environment(String home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", home);
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONHASHSEED", "0");
        return env;
    }

    /**
     * {@code sh -c}, still privileged: OOM killer's first choice, into the slot's cgroup if it has one, then
     * {@code opening} (which names its files {@code $1..$n}), then exec'ing the rest of the command line. Paths
     * are passed as arguments, never spliced into the script.
     */
    private List<String> wrapper(Slot slot, String opening, String... files) {
        List<String> script = new ArrayList<>();
        List<String> arguments = new ArrayList<>(List.of(files));
        script.add(OOM_FIRST);
        Optional<Path> procs = fence.procsFile(slot);
        if (procs.isPresent()) {
            arguments.add(procs.get().toString());
            // $$ is this shell, which then becomes setpriv, prlimit and bwrap: every process of the run is inside.
            script.add("echo $$ >\"$" + arguments.size() + "\"");
        }
        if (opening != null) {
            script.add(opening);
        }
        // sh exports a PWD of its own; the program's environment must be exactly ours.
        script.add("unset PWD");
        script.add("shift " + arguments.size());
        script.add("exec \"$@\"");
        List<String> cmd = new ArrayList<>(List.of(host.sh().toString(), "-c", String.join(" && ", script), "evalstream-sandbox"));
        cmd.addAll(arguments);
        return cmd;
    }

    private List<String> python() {
        // -s: no user site-packages; -B: no .pyc; -u: unbuffered, so a killed program's last words are kept.
        return List.of(python, "-s", "-B", "-u", PROGRAM);
    }

    /**
     * RLIMIT_NPROC is checked against everything already charged to the uid: for a slot's own uid, zombies of
     * earlier runs not yet reaped by the host's init; without one, every thread of the JVM's user, the JVM's own
     * included (approximate when several slots start at once). The program's budget starts on top of that.
     */
    private List<String> limits(Slot slot, int helpers) {
        SandboxLimits limits = config.limits();
        List<String> cmd = new ArrayList<>();
        if (slot.ownUid()) {
            String uid = Integer.toString(slot.uid());
            cmd.addAll(List.of(host.setpriv().toString(), "--reuid", uid, "--regid", uid, "--clear-groups"));
        }
        long cpu = limits.cpuSeconds();
        cmd.addAll(List.of(host.prlimit().toString(),
                // The soft limit sends SIGXCPU (reported as the CPU limit); the hard one kills a program ignoring it.
                "--cpu=" + cpu + ":" + (cpu + 1),
                "--as=" + limits.memoryBytes(),
                "--nproc=" + (fence.processes(limits) + helpers + ProcessTable.nprocCharge(slot.uid())),
                "--fsize=" + limits.fileBytes(),
                "--nofile=" + OPEN_FILES,
                "--core=0"));
        return cmd;
    }

}
