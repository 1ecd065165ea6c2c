package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SandboxLimitsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SandboxLimits limits = SandboxLimits.defaults();

        assertThat(limits).isEqualTo(new SandboxLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), 256L << 20, 32,
                64 * 1024, 16L << 20, 512L << 20));
        assertThat(limits.describe()).isEqualTo(
                "cpu 5 s, wall 10 s, memory 256 MiB per process, 512 MiB in total, processes 32, output 64 KiB, file 16 MiB");
        assertThat(limits.tmpfsBytes()).isEqualTo(64L << 20);
        assertThat(limits.processesWithinTotal()).isEqualTo(1);
    }

    /** Sizes in MiB. Without a cgroup, processes × memory + 2 tmpfs of 4 × file stay within the total. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            defaults: one process of 256 fits 512,     256, 32, 16, 512,  1
            exactly one process fits,                  256, 32, 16, 384,  1
            room for three,                            128, 32, 1,  400,  3
            room for more than allowed,                64,  8,  1,  4096, 8
            one process may have the whole remainder,  1024, 4, 1,  1032, 1
            """)
    void withoutACgroupTheProcessCountIsWhatFitsTheTotal(String name, long memoryMib, int processes, long fileMib,
                                                         long totalMib, int expected) {
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), memoryMib << 20, processes,
                1, fileMib << 20, totalMib << 20);

        assertThat(limits.processesWithinTotal()).as(name).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            the old 1 GiB per process in 512 MiB,   1024, 16, 512, 'totalMemoryBytes 512 MiB cannot hold one process of 1 GiB (memoryBytes) and the 2 tmpfs mounts of 64 MiB (4 × fileBytes): raise it to at least 1152 MiB or lower the others'
            tmpfs alone is too big,                 16,   64, 512, 'totalMemoryBytes 512 MiB cannot hold one process of 16 MiB (memoryBytes) and the 2 tmpfs mounts of 256 MiB (4 × fileBytes): raise it to at least 528 MiB or lower the others'
            """)
    void aTotalThatCannotHoldOneProcessIsRejectedSayingWhatWouldFit(String name, long memoryMib, long fileMib, long totalMib,
                                                                    String message) {
        assertThatThrownBy(() -> new SandboxLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), memoryMib << 20, 32, 1,
                fileMib << 20, totalMib << 20)).as(name).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void defaultConfigUsesDebiansPythonAndRefusesWithoutBubblewrap() {
        SandboxConfig config = SandboxConfig.defaults();

        assertThat(config.python()).isEqualTo(Path.of("/usr/bin/python3"));
        assertThat(config.bwrap().getFileName()).hasToString("bwrap");
        assertThat(config.workRoot()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "evalstream-sandbox").toAbsolutePath());
        assertThat(config.slots()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.fallback()).isEqualTo(FallbackPolicy.REFUSE);
    }

    @ParameterizedTest(name = "cpu {0} ms is {1} s of RLIMIT_CPU")
    @CsvSource(textBlock = """
            1,    1
            999,  1
            1000, 1
            1001, 2
            5000, 5
            """)
    void cpuTimeRoundsUpToWholeSeconds(long millis, long seconds) {
        SandboxLimits limits = new SandboxLimits(Duration.ofMillis(millis), Duration.ofSeconds(1), 1, 1, 1, 1, 9);

        assertThat(limits.cpuSeconds()).isEqualTo(seconds);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            zero cpu,       0,    1000, 1, 1, 1, 1, 9, cpuTime
            negative wall,  1000, -1,   1, 1, 1, 1, 9, wallTime
            zero memory,    1000, 1000, 0, 1, 1, 1, 9, memoryBytes
            zero processes, 1000, 1000, 1, 0, 1, 1, 9, processes
            zero output,    1000, 1000, 1, 1, 0, 1, 9, outputBytes
            zero file,      1000, 1000, 1, 1, 1, 0, 9, fileBytes
            zero total,     1000, 1000, 1, 1, 1, 1, 0, totalMemoryBytes
            """)
    void nonPositiveLimitsAreRejected(String name, long cpu, long wall, long memory, int processes, long output, long file,
                                      long total, String field) {
        assertThatThrownBy(() -> new SandboxLimits(Duration.ofMillis(cpu), Duration.ofMillis(wall), memory, processes, output,
                file, total))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(field + " must be positive");
    }

    @ParameterizedTest(name = "{0} slots")
    @CsvSource({"0", "-1", "1001"})
    void slotCountOutsideTheUidRangeIsRejected(int slots) {
        assertThatThrownBy(() -> SandboxConfig.defaults().withSlots(slots)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource(textBlock = """
            0,          0 bytes
            1,          1 bytes
            1023,       1023 bytes
            1024,       1 KiB
            1536,       1536 bytes
            65536,      64 KiB
            16777216,   16 MiB
            1073741824, 1 GiB
            """)
    void sizesReadLikeTheyWereConfigured(long bytes, String text) {
        assertThat(Units.bytes(bytes)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource({"10000, 10 s", "1500, 1500 ms", "250, 250 ms"})
    void durationsReadLikeTheyWereConfigured(long millis, String text) {
        assertThat(Units.duration(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
