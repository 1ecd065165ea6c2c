package io.evalstream.worker.resilience;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 10.2.3): delay-seconds or an HTTP date. Servers also
 * send fractions ({@code 1.5}) and OpenAI sends {@code retry-after-ms}; both are accepted. A date in the
 * past means "now"; anything unreadable is ignored (the normal backoff applies).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The delay the header asks for, measured from {@code now}; empty when absent or unreadable. */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds) ? Optional.empty()
                    : Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** OpenAI's {@code retry-after-ms} when present, else {@code Retry-After}. */
    public static Optional<Duration> parse(String retryAfter, String retryAfterMillis, Instant now) {
        if (retryAfterMillis != null) {
            try {
                double millis = Double.parseDouble(retryAfterMillis.strip());
                if (millis >= 0 && !Double.isInfinite(millis)) {
                    return Optional.of(Duration.ofMillis(Math.round(millis)));
                }
            } catch (NumberFormatException ignored) {
                // fall back to Retry-After
            }
        }
        return parse(retryAfter, now);
    }
}
