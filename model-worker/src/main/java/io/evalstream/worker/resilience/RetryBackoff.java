package io.evalstream.worker.resilience;

import io.evalstream.contracts.Causes;
import io.evalstream.worker.backend.ErrorClassifier;
import io.evalstream.worker.backend.ModelCallException;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The delay before the next try of one task: exponential (initial, doubling, capped at max) with jitter,
 * but never shorter than what the failure asks for: the server's {@code Retry-After}, or the breaker's
 * delay when the breaker refused the try (so tasks wait for it to half-open instead of burning their
 * tries). SmallRye makes one instance per guarded call, so the doubling is per task.
 */
final class RetryBackoff implements CustomBackoffStrategy {

    private final long maxDelayMillis;
    private final double jitter;
    private final long breakerDelayMillis;
    private long nextMillis;

    RetryBackoff(Duration maxDelay, double jitter, Duration breakerDelay) {
        this.maxDelayMillis = maxDelay.toMillis();
        this.jitter = jitter;
        this.breakerDelayMillis = breakerDelay.toMillis();
    }

    @Override
    public void init(long initialDelayInMillis) {
        nextMillis = initialDelayInMillis;
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long base = Math.min(maxDelayMillis, nextMillis);
        nextMillis = Math.min(maxDelayMillis, Math.max(1, nextMillis * 2));
        return Math.max(jittered(base, jitter, ThreadLocalRandom.current().nextDouble()), floor(cause));
    }

    /** {@code base} moved by up to {@code jitter} of itself either way; {@code random} in [0, 1). */
    static long jittered(long base, double jitter, double random) {
        return Math.max(0, Math.round(base * (1 - jitter + 2 * jitter * random)));
    }

    private long floor(Throwable cause) {
        if (isBreakerOpen(cause)) {
            return breakerDelayMillis;
        }
        ModelCallException call = ErrorClassifier.findCall(cause);
        return call != null && call.retryAfter() != null ? call.retryAfter().toMillis() : 0;
    }

    static boolean isBreakerOpen(Throwable failure) {
        return Causes.find(failure, CircuitBreakerOpenException.class).isPresent();
    }
}
