package io.evalstream.aggregator.streams;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.RunManifest;
import java.util.ArrayList;
import java.util.List;

/** Remembers what the topology reported, in order; TopologyTestDriver calls it on the test thread. */
final class RecordingEvents implements ScoreEvents {

    final List<BenchmarkScore> scores = new ArrayList<>();
    final List<RunManifest> manifests = new ArrayList<>();
    final List<String> deadLetters = new ArrayList<>();
    int rejectedManifests;
    int ignoredDimensions;

    @Override
    public void scoreChanged(BenchmarkScore score) {
        scores.add(score);
    }

    @Override
    public void manifestChanged(RunManifest manifest) {
        manifests.add(manifest);
    }

    @Override
    public void deadLettered(String sourceTopic) {
        deadLetters.add(sourceTopic);
    }

    @Override
    public void judgeDimensionsIgnored(int dimensions) {
        ignoredDimensions += dimensions;
    }

    @Override
    public void manifestRejected() {
        rejectedManifests++;
    }
}
