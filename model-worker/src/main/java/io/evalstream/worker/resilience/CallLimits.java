package io.evalstream.worker.resilience;

/**
 * How many calls one model takes ({@code evalstream.worker.models.<id>.limits.*}).
 *
 * @param maxConcurrency    calls in flight to this model at once on this replica
 * @param requestsPerMinute the requests budget over all replicas (each takes its {@link WorkShare}); 0 = unlimited
 * @param tokensPerMinute   the tokens budget over all replicas (prompt + completion); 0 = unlimited
 */
public record CallLimits(int maxConcurrency, long requestsPerMinute, long tokensPerMinute) {
}
