package io.evalstream.sandbox;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds out, once, whether this host lets the sandbox bound each execution with a cgroup v2 leaf, and sets up the
 * parent {@code evalstream-sandbox} if so. Nothing is assumed: a container usually mounts /sys/fs/cgroup
 * read-only, a hybrid host has the memory controller on cgroup v1, and a cgroup made by someone else (a systemd
 * session) is not ours to rearrange. Each of these gives {@link MemoryFence.ProcessBudget} with the reason.
 */
final class Cgroups {

    static final Path MOUNT_POINT = Path.of("/sys/fs/cgroup");
    static final String PARENT = "evalstream-sandbox";
    /** Where the JVM moves itself when it is alone in the root of its cgroup namespace (see {@link #enableControllers}). */
    static final String JVM_LEAF = "evalstream-jvm";
    private static final String CONTROLLERS = "+memory +pids";
    private static final System.Logger LOG = System.getLogger(Cgroups.class.getName());

    private Cgroups() {
    }

    /** Never fails: a host without a usable cgroup gets the process budget, with the reason. */
    static MemoryFence fence(Host host, SandboxLimits limits) {
        try {
            Optional<String> problem = problem(host, Files.readString(Path.of("/proc/self/mounts")),
                    Files.readString(Path.of("/proc/self/cgroup")));
            if (problem.isPresent()) {
                return new MemoryFence.ProcessBudget(problem.get());
            }
            return new CgroupFence(prepareParent(), limits);
        } catch (IOException | RuntimeException e) {
            return new MemoryFence.ProcessBudget("cgroup v2 set-up failed: " + e.getMessage());
        }
    }

    /** Why the cgroup tree is not ours to use, from the JVM's uid, /proc/self/mounts and /proc/self/cgroup. */
    static Optional<String> problem(Host host, String mounts, String selfCgroup) {
        if (!host.root()) {
            return Optional.of("not root, so the cgroup tree is not writable");
        }
        Optional<String[]> mount = mounts.lines().map(line -> line.split(" "))
                .filter(fields -> fields.length >= 4 && fields[1].equals(MOUNT_POINT.toString()))
                .reduce((first, last) -> last); // a later mount on the same point hides the earlier ones
        if (mount.isEmpty()) {
            return Optional.of(MOUNT_POINT + " is not mounted");
        }
        if (!mount.get()[2].equals("cgroup2")) {
            return Optional.of(MOUNT_POINT + " is " + mount.get()[2] + ", not cgroup2 (a cgroup v1 or hybrid host)");
        }
        if (Arrays.asList(mount.get()[3].split(",")).contains("ro")) {
            return Optional.of(MOUNT_POINT + " is mounted read-only (as in an unprivileged container)");
        }
        Optional<String> own = selfCgroup.lines().filter(line -> line.startsWith("0::")).map(line -> line.substring(3)).findFirst();
        if (own.isEmpty()) {
            return Optional.of("the JVM is in no cgroup v2 group");
        }
        if (!own.get().equals("/")) {
            return Optional.of("the JVM's cgroup " + own.get() + " is not the root of its own cgroup namespace; it belongs to"
                    + " whoever made it (systemd, a container runtime), so the sandbox does not rearrange it");
        }
        return Optional.empty();
    }

    /** The value of {@code name} in a flat-keyed cgroup file such as memory.events; 0 when absent. */
    static long counter(String events, String name) {
        return events.lines().map(line -> line.split(" "))
                .filter(fields -> fields.length == 2 && fields[0].equals(name))
                .mapToLong(fields -> Long.parseLong(fields[1].strip())).findFirst().orElse(0);
    }

    private static Path prepareParent() throws IOException {
        List<String> available = Arrays.asList(Files.readString(MOUNT_POINT.resolve("cgroup.controllers")).strip().split(" "));
        if (!available.containsAll(List.of("memory", "pids"))) {
            throw new IOException("the memory and pids controllers are not available in " + MOUNT_POINT + " (it has " + available + ")");
        }
        enableControllers(MOUNT_POINT);
        Path parent = MOUNT_POINT.resolve(PARENT);
        if (!Files.isDirectory(parent)) {
            Files.createDirectory(parent);
        }
        Files.writeString(parent.resolve("cgroup.subtree_control"), CONTROLLERS);
        return parent;
    }

    /**
     * A cgroup other than the host's root may hand controllers to its children only while no process lives in
     * it (cgroup v2's "no internal processes" rule). In a container the JVM is usually the only process in the
     * root of its cgroup namespace: it then moves itself into a leaf of its own, as container init systems do.
     * Any other process there belongs to someone else and stays put: the sandbox then does without a cgroup.
     */
    private static void enableControllers(Path root) throws IOException {
        Path control = root.resolve("cgroup.subtree_control");
        if (Arrays.asList(Files.readString(control).strip().split(" ")).containsAll(List.of("memory", "pids"))) {
            return;
        }
        try {
            Files.writeString(control, CONTROLLERS);
            return;
        } catch (IOException busy) {
            List<String> others = Files.readAllLines(root.resolve("cgroup.procs")).stream()
                    .filter(pid -> !pid.equals(Long.toString(ProcessHandle.current().pid()))).toList();
            if (!others.isEmpty()) {
                throw new IOException("cannot enable memory and pids for children of " + root + " (" + busy.getMessage()
                        + "): processes " + others + " besides the JVM live there", busy);
            }
        }
        Path jvm = root.resolve(JVM_LEAF);
        if (!Files.isDirectory(jvm)) {
            Files.createDirectory(jvm);
        }
        Files.writeString(jvm.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
        LOG.log(Level.INFO, "moved the JVM into {0} so that {1} may enable memory and pids for the sandbox", jvm, root);
        Files.writeString(control, CONTROLLERS);
    }
}
