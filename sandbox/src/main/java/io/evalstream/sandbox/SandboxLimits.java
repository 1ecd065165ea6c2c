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
 */
public record SandboxLimits(Duration cpuTime, Duration wallTime, long memoryBytes, int processes,
                            long outputBytes, long fileBytes) {

    public SandboxLimits {
        Objects.requireNonNull(cpuTime, "cpuTime");
        Objects.requireNonNull(wallTime, "wallTime");
        requirePositive(cpuTime.toMillis(), "cpuTime");
        requirePositive(wallTime.toMillis(), "wallTime");
        requirePositive(memoryBytes, "memoryBytes");
        requirePositive(processes, "processes");
        requirePositive(outputBytes, "outputBytes");
        requirePositive(fileBytes, "fileBytes");
    }

    /** cpu 5 s, wall 10 s, 1 GiB address space, 32 processes, 64 KiB output, 16 MiB per file. */
    public static SandboxLimits defaults() {
        return new SandboxLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), 1L << 30, 32, 64L << 10, 16L << 20);
    }

    /** RLIMIT_CPU takes whole seconds; rounding up never cuts a program short. */
    long cpuSeconds() {
        return Math.max(1, (cpuTime.toMillis() + 999) / 1000);
    }

    /** Size of each writable tmpfs: room for a few files of the largest allowed size, and no more. */
    long tmpfsBytes() {
        return fileBytes > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : fileBytes * 4;
    }

    /** One line for logs. */
    public String describe() {
        return "cpu " + Units.duration(cpuTime) + ", wall " + Units.duration(wallTime)
                + ", memory " + Units.bytes(memoryBytes) + ", processes " + processes
                + ", output " + Units.bytes(outputBytes) + ", file " + Units.bytes(fileBytes);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
