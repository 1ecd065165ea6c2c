package io.evalstream.worker.resilience;

import java.time.Duration;

/**
 * How one model's calls are guarded. Built from {@code evalstream.worker.models.<id>.*}; the constructor
 * rejects a bad value with a message naming the key to fix.
 *
 * @param model              model id, for messages and breaker names
 * @param maxConcurrency     calls in flight to this model at once on this replica
 * @param requestsPerMinute  the requests budget over all replicas (each takes its {@link WorkShare}); 0 = unlimited
 * @param tokensPerMinute    the tokens budget over all replicas (prompt + completion); 0 = unlimited
 * @param maxAttempts        calls per task, the first included
 * @param initialDelay       backoff before the second call; doubles each time
 * @param maxDelay           longest backoff; a Retry-After longer than this is not waited for
 * @param jitter             backoff varies by up to this fraction either way, so failed calls do not retry in step
 * @param failureRatio       share of unhealthy outcomes in the window that opens the breaker
 * @param requestVolume      calls in the breaker's rolling window
 * @param breakerDelay       how long the breaker stays open before letting a trial call through
 * @param requestTimeout     longest wait for one call's reply
 */
public record ResiliencePolicy(String model, int maxConcurrency, long requestsPerMinute, long tokensPerMinute,
        int maxAttempts, Duration initialDelay, Duration maxDelay, double jitter, double failureRatio,
        int requestVolume, Duration breakerDelay, Duration requestTimeout) {

    public ResiliencePolicy {
        check(maxConcurrency >= 1, model, "limits.max-concurrency", "at least 1", maxConcurrency);
        check(requestsPerMinute >= 0, model, "limits.requests-per-minute", "positive", requestsPerMinute);
        check(tokensPerMinute >= 0, model, "limits.tokens-per-minute", "positive", tokensPerMinute);
        check(maxAttempts >= 1 && maxAttempts <= 100, model, "retry.max-attempts", "between 1 and 100", maxAttempts);
        check(!initialDelay.isNegative(), model, "retry.initial-delay", "zero or more", initialDelay);
        check(maxDelay.compareTo(initialDelay) >= 0, model, "retry.max-delay",
                "at least retry.initial-delay (" + initialDelay + ")", maxDelay);
        check(jitter >= 0 && jitter <= 1, model, "retry.jitter", "between 0 and 1", jitter);
        check(failureRatio > 0 && failureRatio <= 1, model, "circuit-breaker.failure-ratio", "in (0, 1]",
                failureRatio);
        check(requestVolume >= 1, model, "circuit-breaker.request-volume", "at least 1", requestVolume);
        check(breakerDelay.toMillis() >= 1, model, "circuit-breaker.delay", "at least 1ms", breakerDelay);
        check(requestTimeout.toMillis() >= 1, model, "request-timeout", "at least 1ms", requestTimeout);
    }

    /** The longest a task can spend in retries: every call timing out, every backoff at its longest. */
    public Duration worstCase() {
        Duration perTry = requestTimeout.plus(maxDelay.compareTo(breakerDelay) >= 0 ? maxDelay : breakerDelay);
        return perTry.multipliedBy(maxAttempts).plusSeconds(60);
    }

    private static void check(boolean ok, String model, String key, String expected, Object actual) {
        if (!ok) {
            throw new IllegalArgumentException("evalstream.worker.models." + model + "." + key + " must be "
                    + expected + ", got " + actual);
        }
    }
}
