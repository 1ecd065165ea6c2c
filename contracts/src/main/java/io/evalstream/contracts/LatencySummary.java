package io.evalstream.contracts;

/**
 * Percentiles of the model-call latency of a cell's graded tasks, estimated from a log-bucketed histogram (each
 * within a few percent of the exact value).
 *
 * @param samples grades whose latency was counted
 */
public record LatencySummary(long samples, double p50Millis, double p95Millis, double p99Millis) {

    public LatencySummary {
        Require.atLeast(samples, 1, "latency.samples");
        if (!(p50Millis >= 0 && p50Millis <= p95Millis && p95Millis <= p99Millis)) {
            throw new InvalidRecordException("latency percentiles must satisfy 0 <= p50 <= p95 <= p99, got " + p50Millis
                    + ", " + p95Millis + ", " + p99Millis);
        }
    }
}
