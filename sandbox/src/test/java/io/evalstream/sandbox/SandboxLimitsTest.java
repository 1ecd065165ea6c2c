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

        assertThat(limits).isEqualTo(new SandboxLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), 1L << 30, 32,
                64 * 1024, 16L << 20));
        assertThat(limits.describe()).isEqualTo("cpu 5 s, wall 10 s, memory 1 GiB, processes 32, output 64 KiB, file 16 MiB");
        assertThat(limits.tmpfsBytes()).isEqualTo(64L << 20);
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
        SandboxLimits limits = new SandboxLimits(Duration.ofMillis(millis), Duration.ofSeconds(1), 1, 1, 1, 1);

        assertThat(limits.cpuSeconds()).isEqualTo(seconds);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            zero cpu,       0,    1000, 1, 1, 1, 1, cpuTime
            negative wall,  1000, -1,   1, 1, 1, 1, wallTime
            zero memory,    1000, 1000, 0, 1, 1, 1, memoryBytes
            zero processes, 1000, 1000, 1, 0, 1, 1, processes
            zero output,    1000, 1000, 1, 1, 0, 1, outputBytes
            zero file,      1000, 1000, 1, 1, 1, 0, fileBytes
            """)
    void nonPositiveLimitsAreRejected(String name, long cpu, long wall, long memory, int processes, long output, long file,
                                      String field) {
        assertThatThrownBy(() -> new SandboxLimits(Duration.ofMillis(cpu), Duration.ofMillis(wall), memory, processes, output, file))
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
