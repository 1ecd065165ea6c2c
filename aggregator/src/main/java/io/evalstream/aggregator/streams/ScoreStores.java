package io.evalstream.aggregator.streams;

import io.evalstream.aggregator.scoring.GradedSample;
import io.evalstream.aggregator.scoring.TaskSample;
import io.evalstream.aggregator.scoring.Tally;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.TaskId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries on this instance's stores. Every method throws {@link InvalidStateStoreException}
 * while the stores cannot be read (starting, rebalancing, restoring): callers answer "try again".
 * This instance must own every partition of the grades topic for the answers to be whole (one replica).
 */
public final class ScoreStores {

    private final KafkaStreams streams;

    ScoreStores(KafkaStreams streams) {
        this.streams = streams;
    }

    public Optional<RunManifest> manifest(String runId) {
        return Manifests.decode(manifestStore().get(runId));
    }

    /** Every valid manifest by runId. */
    public Map<String, RunManifest> manifests() {
        Map<String, RunManifest> all = new HashMap<>();
        try (KeyValueIterator<String, byte[]> entries = manifestStore().all()) {
            entries.forEachRemaining(entry -> Manifests.decode(entry.value).ifPresent(m -> all.put(entry.key, m)));
        }
        return all;
    }

    /** The tallies of one run's cells that have grades. */
    public Map<ScoreKey, Tally> tallies(String runId) {
        try (KeyValueIterator<String, Tally> entries = tallyStore().prefixScan(ScoreKey.runPrefix(runId),
                new StringSerializer())) {
            return collect(entries);
        }
    }

    public Map<ScoreKey, Tally> allTallies() {
        try (KeyValueIterator<String, Tally> entries = tallyStore().all()) {
            return collect(entries);
        }
    }

    /**
     * Hands the latest sample of every task of one run to {@code reader} (in no particular order; the
     * iterable can be iterated once) and closes the scan when it returns. Cost is linear in the run's tasks.
     */
    public <T> T latestSamples(String runId, Function<Iterable<TaskSample>, T> reader) {
        try (KeyValueIterator<String, GradedSample> entries = sampleStore().prefixScan(ScoreKey.runPrefix(runId),
                new StringSerializer())) {
            return reader.apply(() -> samples(entries));
        }
    }

    private static Iterator<TaskSample> samples(KeyValueIterator<String, GradedSample> entries) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public TaskSample next() {
                KeyValue<String, GradedSample> entry = entries.next();
                return new TaskSample(TaskId.parse(entry.key), entry.value);
            }
        };
    }

    private static Map<ScoreKey, Tally> collect(KeyValueIterator<String, Tally> entries) {
        Map<ScoreKey, Tally> tallies = new HashMap<>();
        while (entries.hasNext()) {
            KeyValue<String, Tally> entry = entries.next();
            if (entry.value != null) {
                tallies.put(ScoreKey.parse(entry.key), entry.value);
            }
        }
        return tallies;
    }

    private ReadOnlyKeyValueStore<String, byte[]> manifestStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(ScoreTopology.MANIFESTS,
                QueryableStoreTypes.keyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, GradedSample> sampleStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(ScoreTopology.LATEST_SAMPLES,
                QueryableStoreTypes.keyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, Tally> tallyStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(ScoreTopology.TALLIES,
                QueryableStoreTypes.keyValueStore()));
    }
}
