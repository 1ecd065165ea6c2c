package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OutputTailTest {

    @ParameterizedTest(name = "{0} bytes of output")
    @CsvSource({"0", "1", "2047", "2048", "2049", "8191", "8192", "8193", "60000"})
    void keepsExactlyTheLastBytes(int size) throws InterruptedException {
        String output = digits(size);
        OutputTail tail = OutputTail.start(stream(output), 1 << 20, () -> { });

        assertThat(tail.finish(Duration.ofSeconds(5))).isTrue();
        assertThat(tail.overflowed()).isFalse();
        assertThat(tail.text()).isEqualTo(output.substring(Math.max(0, size - OutputTail.EXCERPT_BYTES)));
    }

    @Test
    void stopsReadingAndCallsBackOnceWhenTheLimitIsExceeded() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        OutputTail tail = OutputTail.start(endless, 100_000, calls::incrementAndGet);

        assertThat(tail.finish(Duration.ofSeconds(5))).isTrue();
        assertThat(tail.overflowed()).isTrue();
        assertThat(calls).hasValue(1);
        assertThat(tail.text()).hasSize(OutputTail.EXCERPT_BYTES);
    }

    @Test
    void outputOfExactlyTheLimitIsNotAnOverflow() throws InterruptedException {
        OutputTail tail = OutputTail.start(stream("a".repeat(1000)), 1000, () -> { });

        assertThat(tail.finish(Duration.ofSeconds(5))).isTrue();
        assertThat(tail.overflowed()).isFalse();
    }

    @Test
    void aMultiByteCharacterCutAtTheStartBecomesAReplacementCharacter() throws InterruptedException {
        String output = "ğ" + "a".repeat(OutputTail.EXCERPT_BYTES - 1);
        OutputTail tail = OutputTail.start(stream(output), 1 << 20, () -> { });
        tail.finish(Duration.ofSeconds(5));

        assertThat(tail.text()).startsWith("\uFFFDa").hasSize(OutputTail.EXCERPT_BYTES);
    }

    private static String digits(int size) {
        StringBuilder out = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            out.append((char) ('0' + i % 10));
        }
        return out.toString();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
