package io.evalstream.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @ParameterizedTest(name = "Retry-After [{0}] / retry-after-ms [{1}] = {2} ms")
    @CsvSource(delimiter = '|', textBlock = """
            2                             |        | 2000
            0                             |        | 0
            1.5                           |        | 1500
            '  30 '                       |        | 30000
            Sun, 01 Jun 2025 12:00:05 GMT |        | 5000
            Sun, 01 Jun 2025 11:59:00 GMT |        | 0
            Sun, 01 Jun 2025 12:00:00 GMT |        | 0
            2                             | 250    | 250
            2                             | abc    | 2000
                                          | 1200.4 | 1200
            -5                            |        |
            soon                          |        |
            Sunday 1 June                 |        |
            ''                            |        |
                                          |        |
            NaN                           |        |
            Infinity                      |        |
            """)
    void readsSecondsHttpDatesAndOpenAisMillisecondsIgnoringGarbage(String header, String millis, Long expected) {
        assertThat(RetryAfter.parse(header, millis, NOW).orElse(null))
                .isEqualTo(expected == null ? null : Duration.ofMillis(expected));
    }
}
