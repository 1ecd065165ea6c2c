package io.evalstream.sandbox;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A cgroup v2 leaf per slot, {@code <parent>/uid-N}, made fresh for each execution with {@code memory.max} (the
 * total), {@code memory.swap.max} 0, {@code pids.max} and {@code memory.oom.group} 1, so that the kernel counts
 * every process, tmpfs page and kernel allocation of the execution, and kills the whole execution at once when
 * the total is exceeded. The slot uid is locked by this JVM alone, so its leaf is too.
 */
final class CgroupFence implements MemoryFence {

    private static final System.Logger LOG = System.getLogger(CgroupFence.class.getName());
    /** bwrap's monitor and its pid-1 init live in the leaf too. */
    private static final int BWRAP_HELPERS = 2;
    private static final int REMOVE_ATTEMPTS = 50;

    private final Path parent;
    private final SandboxLimits limits;

    CgroupFence(Path parent, SandboxLimits limits) {
        this.parent = parent;
        this.limits = limits;
    }

    private Path leaf(Slot slot) {
        return parent.resolve("uid-" + slot.uid());
    }

    @Override
    public int processes(SandboxLimits limits) {
        return limits.processes();
    }

    @Override
    public Optional<Path> procsFile(Slot slot) {
        return Optional.of(leaf(slot).resolve("cgroup.procs"));
    }

    @Override
    public void enter(Slot slot) throws IOException {
        Path leaf = leaf(slot);
        if (Files.isDirectory(leaf)) {
            remove(leaf); // left by a JVM that died mid-execution: its counters are not ours
        }
        Files.createDirectory(leaf);
        Files.writeString(leaf.resolve("memory.max"), Long.toString(limits.totalMemoryBytes()));
        Files.writeString(leaf.resolve("pids.max"), Integer.toString(limits.processes() + BWRAP_HELPERS));
        Files.writeString(leaf.resolve("memory.oom.group"), "1");
        // Without swap accounting (swapaccount=0) the file is absent and there is no swap to limit.
        if (Files.exists(leaf.resolve("memory.swap.max"))) {
            Files.writeString(leaf.resolve("memory.swap.max"), "0");
        }
    }

    @Override
    public boolean leave(Slot slot) {
        Path leaf = leaf(slot);
        boolean killed = Cgroups.counter(read(leaf.resolve("memory.events")), "oom_kill") > 0
                || Cgroups.counter(read(leaf.resolve("memory.events")), "oom_group_kill") > 0;
        try {
            remove(leaf);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot remove cgroup {0}; the next execution in it retries: {1}", leaf, e.getMessage());
        }
        return killed;
    }

    /** Kills what is left (cgroup.kill, Linux 5.14+) and removes the leaf once the kernel has emptied it. */
    private static void remove(Path leaf) throws IOException {
        if (Files.exists(leaf.resolve("cgroup.kill"))) {
            Files.writeString(leaf.resolve("cgroup.kill"), "1");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Files.delete(leaf);
                return;
            } catch (IOException busy) {
                if (attempt == REMOVE_ATTEMPTS) {
                    throw busy;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // dying tasks leave within milliseconds
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String describe(SandboxLimits limits) {
        return "memory fence CGROUP (" + parent + "/uid-N: memory.max " + Units.bytes(limits.totalMemoryBytes())
                + ", no swap, pids.max " + (limits.processes() + BWRAP_HELPERS) + " per execution), OOM killer's first choice";
    }
}
