package io.evalstream.worker.resilience;

import java.time.Duration;

/**
 * When a model's circuit breaker opens ({@code evalstream.worker.models.<id>.circuit-breaker.*}).
 *
 * @param failureRatio  share of unhealthy outcomes in the window that opens the breaker
 * @param requestVolume calls in the breaker's rolling window
 * @param delay         how long the breaker stays open before letting a trial call through
 */
public record BreakerPolicy(double failureRatio, int requestVolume, Duration delay) {
}
