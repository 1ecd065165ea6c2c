package io.evalstream.worker.resilience;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ResiliencePolicyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            defaults                  | 64 | 0  | 4   | 500ms | 30s  | 0.2 | 0.5 | 20 | 5s | 60s |
            no concurrency            | 0  | 0  | 4   | 500ms | 30s  | 0.2 | 0.5 | 20 | 5s | 60s | evalstream.worker.models.m.limits.max-concurrency must be at least 1, got 0
            negative budget           | 64 | -1 | 4   | 500ms | 30s  | 0.2 | 0.5 | 20 | 5s | 60s | limits.requests-per-minute must be positive, got -1
            no attempts               | 64 | 0  | 0   | 500ms | 30s  | 0.2 | 0.5 | 20 | 5s | 60s | retry.max-attempts must be between 1 and 100, got 0
            max below initial delay   | 64 | 0  | 4   | 2s    | 1s   | 0.2 | 0.5 | 20 | 5s | 60s | retry.max-delay must be at least retry.initial-delay (PT2S), got PT1S
            jitter above one          | 64 | 0  | 4   | 500ms | 30s  | 1.5 | 0.5 | 20 | 5s | 60s | retry.jitter must be between 0 and 1, got 1.5
            zero failure ratio        | 64 | 0  | 4   | 500ms | 30s  | 0.2 | 0   | 20 | 5s | 60s | circuit-breaker.failure-ratio must be in (0, 1], got 0.0
            no request volume         | 64 | 0  | 4   | 500ms | 30s  | 0.2 | 0.5 | 0  | 5s | 60s | circuit-breaker.request-volume must be at least 1, got 0
            zero breaker delay        | 64 | 0  | 4   | 500ms | 30s  | 0.2 | 0.5 | 20 | 0s | 60s | circuit-breaker.delay must be at least 1ms, got PT0S
            zero timeout              | 64 | 0  | 4   | 500ms | 30s  | 0.2 | 0.5 | 20 | 5s | 0s  | request-timeout must be at least 1ms, got PT0S
            """)
    void rejectsBadSettingsNamingTheKeyToFix(String name, int concurrency, long rpm, int attempts, String initial,
            String max, double jitter, double ratio, int volume, String delay, String timeout, String complaint) {
        Runnable build = () -> new ResiliencePolicy("m", new CallLimits(concurrency, rpm, 0),
                new RetryPolicy(attempts, parse(initial), parse(max), jitter), new BreakerPolicy(ratio, volume,
                parse(delay)), parse(timeout));
        if (complaint == null) {
            assertThatCode(build::run).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(build::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(complaint);
        }
    }

    private static Duration parse(String text) {
        return text.endsWith("ms") ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
                : Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
    }
}
