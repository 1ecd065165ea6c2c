package io.evalstream.reports.scoring;

import io.evalstream.contracts.LatencySummary;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts of latencies in log-spaced buckets, eight per doubling (each bucket ~9% wide), from 1 ms to about
 * 4.6 hours. Unlike a sketch it can take a value back out exactly, which the tally needs when a task's grade is
 * replaced; sparse, so a cell whose latencies cluster costs a handful of entries in its state.
 *
 * @param buckets count per bucket index; bucket i holds latencies in [2^(i/8), 2^((i+1)/8)) ms, bucket 0 also
 *                everything below 1 ms, the last bucket everything above the range
 */
public record LatencyHistogram(SortedMap<Integer, Long> buckets) {

    public static final LatencyHistogram EMPTY = new LatencyHistogram(null);
    static final int PER_DOUBLING = 8;
    static final int LAST_BUCKET = 24 * PER_DOUBLING - 1;

    // Plain loops, not streams: a histogram is built several times for every grade the aggregator counts (read
    // from the store, the old latency out, the new one in).
    public LatencyHistogram {
        if (buckets == null || buckets.isEmpty()) {
            buckets = Collections.emptySortedMap();
        } else {
            TreeMap<Integer, Long> copy = new TreeMap<>(buckets);
            for (Long count : copy.values()) {
                if (count == null || count <= 0) {
                    throw new IllegalArgumentException("bucket counts must be positive, got " + buckets);
                }
            }
            buckets = Collections.unmodifiableSortedMap(copy);
        }
    }

    public long count() {
        long total = 0;
        for (long count : buckets.values()) {
            total += count;
        }
        return total;
    }

    public LatencyHistogram add(long millis) {
        return move(bucketOf(millis), 1);
    }

    /**
     * Takes a latency back out. One that was never counted (which only a bug could cause) leaves the histogram as it
     * is: a latency statistic is not worth stopping the aggregation for.
     */
    public LatencyHistogram remove(long millis) {
        int bucket = bucketOf(millis);
        return buckets.containsKey(bucket) ? move(bucket, -1) : this;
    }

    public LatencyHistogram plus(LatencyHistogram other) {
        TreeMap<Integer, Long> sum = new TreeMap<>(buckets);
        other.buckets.forEach((bucket, count) -> sum.merge(bucket, count, Long::sum));
        return new LatencyHistogram(sum);
    }

    /** p50, p95 and p99 (each the geometric middle of its bucket); null while nothing is counted. */
    public LatencySummary summary() {
        long total = count();
        if (total == 0) {
            return null;
        }
        return new LatencySummary(total, quantile(0.50, total), quantile(0.95, total), quantile(0.99, total));
    }

    static int bucketOf(long millis) {
        if (millis < 1) {
            return 0;
        }
        int bucket = (int) Math.floor(PER_DOUBLING * Math.log(millis) / Math.log(2));
        return Math.min(LAST_BUCKET, bucket);
    }

    /** The nearest-rank quantile: the bucket holding the ceil(q * n)-th smallest latency. */
    private double quantile(double q, long total) {
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return middle(bucket.getKey());
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + total + " counted latencies");
    }

    private static double middle(int bucket) {
        return bucket == 0 ? 1.0 : Math.pow(2, (bucket + 0.5) / PER_DOUBLING);
    }

    private LatencyHistogram move(int bucket, int delta) {
        TreeMap<Integer, Long> next = new TreeMap<>(buckets);
        long count = next.getOrDefault(bucket, 0L) + delta;
        if (count == 0) {
            next.remove(bucket);
        } else {
            next.put(bucket, count);
        }
        return new LatencyHistogram(next);
    }
}
