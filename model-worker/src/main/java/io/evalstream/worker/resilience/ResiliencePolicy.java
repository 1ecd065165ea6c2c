package io.evalstream.worker.resilience;

import java.time.Duration;

/**
 * How one model's calls are guarded. Built from {@code evalstream.worker.models.<id>.*}; the constructor
 * rejects a bad value with a message naming the key to fix (the parts are checked here, where the model is known).
 *
 * @param model          model id, for messages and breaker names
 * @param requestTimeout longest wait for one call's reply
 */
public record ResiliencePolicy(String model, CallLimits limits, RetryPolicy retry, BreakerPolicy breaker,
        Duration requestTimeout) {

    public ResiliencePolicy {
        check(limits.maxConcurrency() >= 1, model, "limits.max-concurrency", "at least 1", limits.maxConcurrency());
        check(limits.requestsPerMinute() >= 0, model, "limits.requests-per-minute", "positive",
                limits.requestsPerMinute());
        check(limits.tokensPerMinute() >= 0, model, "limits.tokens-per-minute", "positive", limits.tokensPerMinute());
        check(retry.maxAttempts() >= 1 && retry.maxAttempts() <= 100, model, "retry.max-attempts",
                "between 1 and 100", retry.maxAttempts());
        check(!retry.initialDelay().isNegative(), model, "retry.initial-delay", "zero or more", retry.initialDelay());
        check(retry.maxDelay().compareTo(retry.initialDelay()) >= 0, model, "retry.max-delay",
                "at least retry.initial-delay (" + retry.initialDelay() + ")", retry.maxDelay());
        check(retry.jitter() >= 0 && retry.jitter() <= 1, model, "retry.jitter", "between 0 and 1", retry.jitter());
        check(breaker.failureRatio() > 0 && breaker.failureRatio() <= 1, model, "circuit-breaker.failure-ratio",
                "in (0, 1]", breaker.failureRatio());
        check(breaker.requestVolume() >= 1, model, "circuit-breaker.request-volume", "at least 1",
                breaker.requestVolume());
        check(breaker.delay().toMillis() >= 1, model, "circuit-breaker.delay", "at least 1ms", breaker.delay());
        check(requestTimeout.toMillis() >= 1, model, "request-timeout", "at least 1ms", requestTimeout);
    }

    /** The longest a task can spend in retries: every call timing out, every backoff at its longest. */
    public Duration worstCase() {
        Duration maxDelay = retry.maxDelay();
        Duration perTry = requestTimeout.plus(maxDelay.compareTo(breaker.delay()) >= 0 ? maxDelay : breaker.delay());
        return perTry.multipliedBy(retry.maxAttempts()).plusSeconds(60);
    }

    private static void check(boolean ok, String model, String key, String expected, Object actual) {
        if (!ok) {
            throw new IllegalArgumentException("evalstream.worker.models." + model + "." + key + " must be "
                    + expected + ", got " + actual);
        }
    }
}
