package io.evalstream.aggregator.metrics;

import io.evalstream.aggregator.streams.StreamCount;
import io.evalstream.contracts.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The counters of what the topology counts in its stores ({@link StreamCount}): grades read and grades
 * dead-lettered. The topology only writes its store; these counters follow the store's values from outside, so a
 * transaction that aborts and is redone never counts twice.
 * <p>
 * Each counter grows by what the stores grew since they were last read, per partition: a partition seen for the
 * first time (at start, or moved here) sets a baseline and adds nothing, so an instance counts only what it saw
 * happen, like any Prometheus counter, and the counters of all instances add up without counting a moved partition's
 * history again. A value below the highest seen (a store read before an abort, then restored to its committed
 * state) adds nothing until the redone records bring it back up. Counts made between the last read and a move are
 * left out: a counter may be short by one reading's worth, never over.
 */
@ApplicationScoped
public class StreamCounters {

    private final Map<StreamCount, Double> totals = new EnumMap<>(StreamCount.class);
    private Map<Integer, Map<StreamCount, Long>> highest = Map.of();

    @Inject
    public StreamCounters(MeterRegistry registry) {
        for (StreamCount count : StreamCount.values()) {
            totals.put(count, 0.0);
        }
        FunctionCounter.builder("evalstream_grades_read", this, counters -> counters.total(StreamCount.GRADES_READ))
                .description("Valid grade records read, re-deliveries included").register(registry);
        // Registered up front so dashboards and alerts see 0 rather than no series before the first bad grade.
        FunctionCounter.builder("evalstream_dead_letters", this,
                        counters -> counters.total(StreamCount.GRADES_DEAD_LETTERED))
                .description("Records written to the dead-letter topic").tag("topic", Topics.GRADES)
                .register(registry);
    }

    /** @param readable the counts of every partition readable here now, by partition */
    public synchronized void observe(Map<Integer, Map<StreamCount, Long>> readable) {
        Map<Integer, Map<StreamCount, Long>> next = new HashMap<>();
        readable.forEach((partition, counts) -> {
            Map<StreamCount, Long> before = highest.get(partition);
            Map<StreamCount, Long> now = new EnumMap<>(StreamCount.class);
            for (StreamCount count : StreamCount.values()) {
                long value = counts.getOrDefault(count, 0L);
                long seen = before == null ? value : before.getOrDefault(count, 0L);
                if (value > seen) {
                    totals.merge(count, (double) (value - seen), Double::sum);
                }
                now.put(count, Math.max(value, seen));
            }
            next.put(partition, now);
        });
        highest = next;
    }

    synchronized double total(StreamCount count) {
        return totals.get(count);
    }
}
