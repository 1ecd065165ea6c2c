package io.evalstream.aggregator.streams;

import io.evalstream.aggregator.cluster.Coverage;
import io.evalstream.aggregator.cluster.Peers;
import io.evalstream.aggregator.cluster.Slice;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.Tally;
import io.evalstream.reports.scoring.TaskSample;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.TaskId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Whole answers from the stores of every instance of the aggregator. Manifests are in a global store, whole on
 * every instance. Tallies and latest samples are partitioned: this instance reads the partitions it runs as active
 * and, unless those are all of them, asks the instances that run the others ({@link Peers}) and adds the slices up
 * ({@link Coverage}). Every method throws {@link InvalidStateStoreException} while that cannot give a whole
 * answer (starting, rebalancing, restoring, an instance down): callers answer "try again".
 */
public final class ScoreStores {

    private final KafkaStreams streams;
    private final LocalStores local;
    private final Peers peers;
    private final HostInfo self;

    ScoreStores(KafkaStreams streams, LocalStores local, Peers peers, HostInfo self) {
        this.streams = streams;
        this.local = local;
        this.peers = peers;
        this.self = self;
    }

    /** This instance's own share, for the other instances and for the gauges of the cells it owns. */
    public LocalStores local() {
        return local;
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
        return byCell(whole(local.tallies(ScoreKey.runPrefix(runId)), hosts -> peers.tallies(hosts, runId)));
    }

    public Map<ScoreKey, Tally> allTallies() {
        return byCell(whole(local.tallies(null), hosts -> peers.tallies(hosts, null)));
    }

    /**
     * Hands the latest sample of every task of one run to {@code reader} (in no particular order; the
     * iterable can be iterated once). Cost is linear in the run's tasks; an instance that owns every partition
     * streams them from its store, otherwise the other instances' samples are held in memory while read.
     */
    public <T> T latestSamples(String runId, Function<Iterable<TaskSample>, T> reader) {
        String prefix = ScoreKey.runPrefix(runId);
        if (local.ownsAll(ScoreTopology.LATEST_SAMPLES)) {
            try (PartitionScan<GradedSample> scan = local.scan(ScoreTopology.LATEST_SAMPLES, prefix)) {
                return reader.apply(() -> scan.map((key, sample) -> new TaskSample(TaskId.parse(key), sample)));
            }
        }
        Map<String, GradedSample> samples = whole(local.samples(prefix), hosts -> peers.samples(hosts, runId));
        return reader.apply(() -> samples.entrySet().stream()
                .map(entry -> new TaskSample(TaskId.parse(entry.getKey()), entry.getValue())).iterator());
    }

    private <V> Map<String, V> whole(Slice<V> mine, Function<List<HostInfo>, List<Slice<V>>> others) {
        if (mine.partitions().size() == local.partitions()) {
            return mine.entries();
        }
        List<Slice<V>> slices = new ArrayList<>();
        slices.add(mine);
        slices.addAll(others.apply(otherActiveHosts()));
        return Coverage.merge(local.partitions(), slices);
    }

    private List<HostInfo> otherActiveHosts() {
        return streams.metadataForAllStreamsClients().stream()
                .filter(client -> !client.topicPartitions().isEmpty())
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(self))
                .distinct()
                .toList();
    }

    private static Map<ScoreKey, Tally> byCell(Map<String, Tally> entries) {
        Map<ScoreKey, Tally> tallies = new HashMap<>();
        entries.forEach((key, tally) -> tallies.put(ScoreKey.parse(key), tally));
        return tallies;
    }

    private ReadOnlyKeyValueStore<String, byte[]> manifestStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(ScoreTopology.MANIFESTS,
                QueryableStoreTypes.keyValueStore()));
    }
}
