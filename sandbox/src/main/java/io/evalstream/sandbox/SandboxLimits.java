package io.evalstream.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits for one execution.
 *
 * <p>{@code cpuTime} (RLIMIT_CPU, whole seconds, rounded up) and {@code memoryBytes} (RLIMIT_AS, address
 * space) apply to each process of the execution; {@code wallTime} bounds the execution as a whole.
 * {@code processes} (RLIMIT_NPROC) counts the program's processes and threads. {@code outputBytes} bounds
 * combined stdout and stderr. {@code fileBytes} bounds any one file the program writes (RLIMIT_FSIZE); under
 * bubblewrap each writable mount ({@code /scratch}, {@code /tmp}) is a tmpfs of {@link #tmpfsBytes()}.
 *
 * <p>{@code totalMemoryBytes} bounds the whole execution: all its processes and both tmpfs mounts. Where the host
 * gives the sandbox a cgroup it is the cgroup's {@code memory.max}; elsewhere the execution gets only as many
 * processes as fit ({@link #processesWithinTotal()}). Either way one process may use its full {@code memoryBytes},
 * so a single-process program gets the same verdict on every host.
 */
public record SandboxLimits(Duration cpuTime, Duration wallTime, long memoryBytes, int processes,
                            long outputBytes, long fileBytes, long totalMemoryBytes) {

    /** /scratch and /tmp. */
    static final int TMPFS_MOUNTS = 2;

    public SandboxLimits {
        Objects.requireNonNull(cpuTime, "cpuTime");
        Objects.requireNonNull(wallTime, "wallTime");
        requirePositive(cpuTime.toMillis(), "cpuTime");
        requirePositive(wallTime.toMillis(), "wallTime");
        requirePositive(memoryBytes, "memoryBytes");
        requirePositive(processes, "processes");
        requirePositive(outputBytes, "outputBytes");
        requirePositive(fileBytes, "fileBytes");
        requirePositive(totalMemoryBytes, "totalMemoryBytes");
        long oneProcess = saturatingAdd(memoryBytes, TMPFS_MOUNTS * tmpfsBytes(fileBytes));
        if (totalMemoryBytes < oneProcess) {
            throw new IllegalArgumentException("totalMemoryBytes " + Units.bytes(totalMemoryBytes) + " cannot hold one process of "
                    + Units.bytes(memoryBytes) + " (memoryBytes) and the " + TMPFS_MOUNTS + " tmpfs mounts of "
                    + Units.bytes(tmpfsBytes(fileBytes)) + " (4 × fileBytes): raise it to at least " + Units.bytes(oneProcess)
                    + " or lower the others");
        }
    }

    /**
     * cpu 5 s, wall 10 s, 256 MiB address space, 32 processes, 64 KiB output, 16 MiB per file, 512 MiB in total:
     * two slots (a 2-core grader) stay within 1 GiB, which leaves the grader pod's 1.5 GiB the JVM's share.
     */
    public static SandboxLimits defaults() {
        return new SandboxLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), 256L << 20, 32, 64L << 10, 16L << 20,
                512L << 20);
    }

    /**
     * Without a cgroup, only RLIMIT_AS per process bounds memory: the execution then gets as many processes (and
     * threads, which RLIMIT_NPROC counts too) as fit into the total beside the tmpfs mounts, at least one.
     */
    int processesWithinTotal() {
        long room = totalMemoryBytes - TMPFS_MOUNTS * tmpfsBytes();
        return (int) Math.max(1, Math.min(processes, room / memoryBytes));
    }

    /** RLIMIT_CPU takes whole seconds; rounding up never cuts a program short. */
    long cpuSeconds() {
        return Math.max(1, (cpuTime.toMillis() + 999) / 1000);
    }

    /** Size of each writable tmpfs: room for a few files of the largest allowed size, and no more. */
    long tmpfsBytes() {
        return tmpfsBytes(fileBytes);
    }

    private static long tmpfsBytes(long fileBytes) {
        return fileBytes > Long.MAX_VALUE / 8 ? Long.MAX_VALUE / 2 : fileBytes * 4;
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** One line for logs. */
    public String describe() {
        return "cpu " + Units.duration(cpuTime) + ", wall " + Units.duration(wallTime)
                + ", memory " + Units.bytes(memoryBytes) + " per process, " + Units.bytes(totalMemoryBytes) + " in total"
                + ", processes " + processes + ", output " + Units.bytes(outputBytes) + ", file " + Units.bytes(fileBytes);
    }

    public SandboxLimits withTotalMemoryBytes(long value) {
        return new SandboxLimits(cpuTime, wallTime, memoryBytes, processes, outputBytes, fileBytes, value);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
