package io.evalstream.aggregator.streams;

import io.evalstream.reports.scoring.Scoring;
import io.evalstream.reports.scoring.Tally;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.ScoreKey;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns each change of a cell's tally into a {@link BenchmarkScore}, with the expected count from the
 * run's manifest (global store) and the time of the grade that caused the change.
 */
final class ScoreSnapshotter implements FixedKeyProcessor<String, Tally, BenchmarkScore> {

    private FixedKeyProcessorContext<String, BenchmarkScore> context;
    private KeyValueStore<String, byte[]> manifests;

    @Override
    public void init(FixedKeyProcessorContext<String, BenchmarkScore> context) {
        this.context = context;
        this.manifests = context.getStateStore(ScoreTopology.MANIFESTS);
    }

    @Override
    public void process(FixedKeyRecord<String, Tally> record) {
        if (record.value() == null) {
            return;
        }
        ScoreKey cell = ScoreKey.parse(record.key());
        BenchmarkScore score = Scoring.score(cell, record.value(),
                Manifests.decode(manifests.get(cell.runId()))
                        .map(manifest -> Scoring.expectedCells(manifest).get(cell)).orElse(null),
                Instant.ofEpochMilli(record.timestamp()));
        context.forward(record.withValue(score));
    }
}
