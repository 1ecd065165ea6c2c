package io.evalstream.worker.resilience;

import java.time.Duration;

/**
 * How a failed call is tried again ({@code evalstream.worker.models.<id>.retry.*}).
 *
 * @param maxAttempts  calls per task, the first included
 * @param initialDelay backoff before the second call; doubles each time
 * @param maxDelay     longest backoff; a Retry-After longer than this is not waited for
 * @param jitter       backoff varies by up to this fraction either way, so failed calls do not retry in step
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double jitter) {
}
