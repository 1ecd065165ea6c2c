package io.evalstream.producer.run;

import io.evalstream.producer.catalog.Benchmark;

/**
 * One benchmark of a run.
 *
 * @param items        how many items of the benchmark's run order the run takes (its limit, capped at its size)
 * @param settingsHash the hash every task of this benchmark carries
 */
public record PlannedBenchmark(Benchmark<?> benchmark, int items, String settingsHash) {
}
