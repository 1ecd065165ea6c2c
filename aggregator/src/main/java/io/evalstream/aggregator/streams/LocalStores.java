package io.evalstream.aggregator.streams;

import io.evalstream.aggregator.cluster.Slice;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.Tally;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's share of the stores, read one partition at a time so that every answer says exactly which
 * partitions it covers: only partitions this instance runs as active (a standby or a task still restoring is not
 * readable), so slices from all instances add up to a whole answer or visibly do not.
 */
public final class LocalStores {

    private final KafkaStreams streams;
    private final int partitions;

    LocalStores(KafkaStreams streams, int partitions) {
        this.streams = streams;
        this.partitions = partitions;
    }

    /** Partitions of every partitioned store (the grades topic's partition count). */
    public int partitions() {
        return partitions;
    }

    /** The tallies of one run's cells (every run's with {@code runPrefix} null), by cell key. */
    public Slice<Tally> tallies(String runPrefix) {
        return slice(ScoreTopology.TALLIES, runPrefix);
    }

    /** The latest sample of each of one run's tasks, by task id. */
    public Slice<GradedSample> samples(String runPrefix) {
        return slice(ScoreTopology.LATEST_SAMPLES, runPrefix);
    }

    /**
     * The topology's {@link StreamCount counts} of each partition this instance runs as active, by partition. A
     * partition that moves to another instance takes its counts along.
     */
    public Map<Integer, Map<StreamCount, Long>> counts() {
        Map<Integer, Map<StreamCount, Long>> counts = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            Optional<ReadOnlyKeyValueStore<String, Long>> part = partition(ScoreTopology.COUNTS, partition);
            if (part.isPresent()) {
                Map<StreamCount, Long> read = new EnumMap<>(StreamCount.class);
                try {
                    scan(part.get(), null, (name, count) -> read.put(StreamCount.valueOf(name), count));
                } catch (InvalidStateStoreException moved) {
                    continue;
                }
                counts.put(partition, read);
            }
        }
        return counts;
    }

    /** True when this instance alone runs every partition of {@code store} as active. */
    boolean ownsAll(String store) {
        for (int partition = 0; partition < partitions; partition++) {
            if (partition(store, partition).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every entry of {@code store} under {@code prefix}, partition after partition, read lazily; for an instance
     * that {@link #ownsAll owns every partition}. Reading it throws {@link InvalidStateStoreException} when a
     * partition moves away meanwhile. Close it when done.
     */
    <V> PartitionScan<V> scan(String store, String prefix) {
        return new PartitionScan<>(partitions, partition -> this.<V>partition(store, partition)
                .map(part -> prefix == null ? part.all() : part.prefixScan(prefix, new StringSerializer()))
                .orElseThrow(() -> new InvalidStateStoreException("partition " + partition + " of " + store
                        + " moved to another instance")));
    }

    private <V> Slice<V> slice(String store, String prefix) {
        List<Integer> covered = new ArrayList<>();
        Map<String, V> entries = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            Optional<ReadOnlyKeyValueStore<String, V>> part = partition(store, partition);
            if (part.isPresent()) {
                Map<String, V> read = new HashMap<>();
                try {
                    scan(part.get(), prefix, read::put);
                } catch (InvalidStateStoreException moved) {
                    // Revoked while read: left out, so the slice does not claim it and the new owner answers for it.
                    continue;
                }
                entries.putAll(read);
                covered.add(partition);
            }
        }
        return new Slice<>(covered, entries);
    }

    private static <V> void scan(ReadOnlyKeyValueStore<String, V> store, String prefix, BiConsumer<String, V> sink) {
        try (KeyValueIterator<String, V> entries = prefix == null ? store.all()
                : store.prefixScan(prefix, new StringSerializer())) {
            while (entries.hasNext()) {
                KeyValue<String, V> entry = entries.next();
                if (entry.value != null) {
                    sink.accept(entry.key, entry.value);
                }
            }
        }
    }

    private <V> Optional<ReadOnlyKeyValueStore<String, V>> partition(String store, int partition) {
        try {
            ReadOnlyKeyValueStore<String, V> part = streams.store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.<String, V>keyValueStore()).withPartition(partition));
            // The handle finds its partition on each call, not when made: one cheap call says whether it is here.
            part.approximateNumEntries();
            return Optional.of(part);
        } catch (InvalidStateStoreException notHere) {
            return Optional.empty();
        }
    }
}
