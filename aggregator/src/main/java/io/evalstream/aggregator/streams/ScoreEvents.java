package io.evalstream.aggregator.streams;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.RunManifest;

/**
 * What the topology tells the world besides its output topics, for live gauges. Called on Kafka Streams
 * threads (stream threads for scores and dead letters, the global thread for manifests): implementations
 * must be thread-safe and quick.
 */
public interface ScoreEvents {

    /** Ignores everything; for tests that only look at topics and stores. */
    ScoreEvents NONE = new ScoreEvents() {
    };

    /** A cell's tally changed; the score reflects the latest grade of every task, never a raw record count. */
    default void scoreChanged(BenchmarkScore score) {
    }

    /** A valid run manifest was stored (also when it is replayed at startup). */
    default void manifestChanged(RunManifest manifest) {
    }

    /** A valid grade was read (re-deliveries included). */
    default void gradeRead() {
    }

    /** A record of {@code sourceTopic} was written to the dead-letter topic. */
    default void deadLettered(String sourceTopic) {
    }

    /** Judge scores of {@code dimensions} rubric dimensions were left out because their cell counts the most it may. */
    default void judgeDimensionsIgnored(int dimensions) {
    }

    /** A record of the runs topic was skipped because it is not a valid manifest. */
    default void manifestRejected() {
    }
}
