package io.evalstream.aggregator.metrics;

import io.evalstream.contracts.ScoreKey;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;

/**
 * Which cells' gauges this instance shows, so that every series exists on exactly one instance and sums across
 * instances come out right: a cell's, where its partition of the tallies is active; a run's (ETA, category and
 * overall scores), where the partition of its run id is. The partition is the one Kafka's default partitioner picks
 * for the key on the repartition topic that feeds the tallies (murmur2 of the UTF-8 key).
 */
record Ownership(int partitions, Set<Integer> active) {

    /** Owns everything: one instance, or before anything is known in a test. */
    static final Ownership ALL = new Ownership(1, Set.of(0));
    /** Owns nothing: before Kafka Streams first reaches RUNNING, an instance does not know what it runs. */
    static final Ownership NONE = new Ownership(1, Set.of());

    Ownership {
        active = Set.copyOf(active);
    }

    boolean owns(ScoreKey cell) {
        return active.contains(partition(cell.toString()));
    }

    boolean leads(String runId) {
        return active.contains(partition(runId));
    }

    /** True when this instance runs every partition, so nothing lives elsewhere. */
    boolean whole() {
        return active.size() == partitions;
    }

    private int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
