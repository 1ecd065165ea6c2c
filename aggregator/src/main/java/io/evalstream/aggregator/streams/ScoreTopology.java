package io.evalstream.aggregator.streams;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.JsonSerde;
import io.evalstream.contracts.Topics;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.Tally;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The aggregator's Kafka Streams topology. Its only effects are its output topics and its stores, which Kafka Streams
 * commits or aborts together: nothing in it touches a meter or state shared with other threads, so a transaction
 * that aborts and is redone leaves no trace. Gauges and counters read the stores ({@link ScoreStores}).
 * <ol>
 *   <li>{@value Topics#RUNS} → global store {@value #MANIFESTS} (runId → raw manifest), on every instance.</li>
 *   <li>{@value Topics#GRADES} (String, bytes) → decode; unreadable records, and grades that contradict their
 *       run's manifest (read from {@value #MANIFESTS}), → {@value Topics#DLQ} with their original key, raw bytes
 *       and dead-letter headers; grades read and dead-lettered are counted in {@value #COUNTS}.</li>
 *   <li>Valid grades → table {@value #LATEST_SAMPLES}: the latest grade per taskId (grades without a key are
 *       re-keyed by taskId first). A duplicate replaces itself, so nothing counts twice.</li>
 *   <li>That table grouped by cell (runId/modelId/benchmarkId) with an adder and a subtractor → table
 *       {@value #TALLIES}: a changed verdict moves the count from the old verdict to the new one, and the score
 *       sums (judge scores per rubric dimension included) from the old score to the new one. Subsets and judge
 *       labels stay in {@value #LATEST_SAMPLES}, where the full report
 *       rolls them up on request.</li>
 *   <li>Every tally change → a {@link BenchmarkScore} on {@value Topics#METRICS}, key = the cell.</li>
 * </ol>
 */
public final class ScoreTopology {

    public static final String MANIFESTS = "run-manifests";
    public static final String LATEST_SAMPLES = "latest-samples";
    public static final String TALLIES = "tallies";
    public static final String COUNTS = "stream-counts";

    /** Cells one stream thread keeps decoded tallies of: every cell of a few large runs at once. */
    private static final int TALLIES_REMEMBERED = 512;

    static final Serde<GradedSample> SAMPLES = StateJson.serde(GradedSample.class);
    /** The tally's JSON in the stores and changelogs, which an upgrade must still read. */
    static final Serde<Tally> TALLY_JSON = StateJson.serde(Tally.class);
    static final Serde<Tally> TALLY = new RememberingSerde<>(TALLY_JSON, TALLIES_REMEMBERED);
    static final Serde<BenchmarkScore> SCORE = new JsonSerde<>(BenchmarkScore.class);

    private ScoreTopology() {
    }

    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MANIFESTS), Serdes.String(), Serdes.ByteArray())
                        // Global stores are rebuilt from the compacted runs topic; in memory, every manifest is
                        // replayed through ManifestUpdater at startup.
                        .withLoggingDisabled(),
                Topics.RUNS, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("runs"),
                ManifestUpdater::new);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(COUNTS), Serdes.String(),
                Serdes.Long())
                // Written for every grade: without the cache each write was a changelog record of its own, one
                // more record per grade for the broker than the grade itself; cached, a commit writes each count once.
                .withCachingEnabled());
        tally(latestSamples(validGrades(builder))).toStream(Named.as("tally-changes"))
                .processValues(ScoreSnapshotter::new, Named.as("scores"))
                .to(Topics.METRICS, Produced.with(Serdes.String(), SCORE).withName("metrics"));
        return builder.build();
    }

    private static KStream<String, GradeRead.Accepted> validGrades(StreamsBuilder builder) {
        Map<String, KStream<String, GradeRead>> reads = builder
                .stream(Topics.GRADES, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("grades"))
                .processValues(GradeReader::new, Named.as("read-grades"), COUNTS)
                .split(Named.as("grades-"))
                .branch((key, read) -> read instanceof GradeRead.Rejected, Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        reads.get("grades-rejected")
                .mapValues(read -> ((GradeRead.Rejected) read).raw(), Named.as("raw-bytes"))
                .to(Topics.DLQ, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters"));
        return reads.get("grades-accepted").mapValues(read -> (GradeRead.Accepted) read, Named.as("accepted"));
    }

    private static KTable<String, GradedSample> latestSamples(KStream<String, GradeRead.Accepted> grades) {
        KStream<String, GradedSample> keyed = grades.filter((key, grade) -> key != null, Named.as("keyed"))
                .mapValues(GradeRead.Accepted::sample, Named.as("keyed-samples"));
        // Outside producers may omit the key; such grades go through a repartition topic so that, like keyed
        // ones, they land on the partition of their taskId and replace that task's earlier grade.
        KStream<String, GradedSample> unkeyed = grades.filter((key, grade) -> key == null, Named.as("unkeyed"))
                .selectKey((key, grade) -> grade.taskId(), Named.as("key-by-task"))
                .mapValues(GradeRead.Accepted::sample, Named.as("unkeyed-samples"))
                .repartition(Repartitioned.with(Serdes.String(), SAMPLES).withName("unkeyed-grades"));
        return keyed.merge(unkeyed, Named.as("all-samples")).toTable(Named.as("latest-sample"),
                Materialized.<String, GradedSample, KeyValueStore<Bytes, byte[]>>as(LATEST_SAMPLES)
                        .withKeySerde(Serdes.String()).withValueSerde(SAMPLES)
                        // One entry per task would fill the thread's record cache, and a full cache evicts (and so
                        // emits) on every put, which would turn the tally cache's once-per-commit snapshots into
                        // one per grade. The tally cache is what keeps snapshots cheap; this one saves little.
                        .withCachingDisabled());
    }

    private static KTable<String, Tally> tally(KTable<String, GradedSample> latest) {
        return latest
                .groupBy((taskId, sample) -> KeyValue.pair(sample.cell().toString(), sample.forTally()),
                        Grouped.with("by-cell", Serdes.String(), SAMPLES))
                .aggregate(() -> Tally.EMPTY, (cell, sample, tally) -> tally.add(sample),
                        (cell, sample, tally) -> tally.subtract(sample), Named.as("tally"),
                        Materialized.<String, Tally, KeyValueStore<Bytes, byte[]>>as(TALLIES)
                                .withKeySerde(Serdes.String()).withValueSerde(TALLY));
    }
}
