package io.evalstream.producer.run;

import io.evalstream.benchmarks.Benchmark;
import io.evalstream.contracts.BenchmarkClusters;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One benchmark of a run.
 *
 * @param items    how many items of the benchmark's run order the run takes (its limit, capped at its size)
 * @param settings the effective settings: declared, overridden by the spec's, overridden by the selection's
 * @param variants the variants each item is rendered in, in the order the run asked for them
 * @param judging  the effective judge and rubric: declared, or the judge the selection names; null when the
 *                 benchmark is graded without a judge
 */
public record PlannedBenchmark(Benchmark benchmark, int items, Settings settings, List<PlannedVariant> variants,
        Judging judging) {

    public PlannedBenchmark {
        variants = List.copyOf(variants);
    }

    /** The declared cluster of each item the run takes; empty when the benchmark declares none. */
    public Optional<BenchmarkClusters> clusters() {
        Map<String, String> clusters = new HashMap<>();
        benchmark.items().subList(0, items).stream().filter(item -> item.cluster() != null)
                .forEach(item -> clusters.put(item.id(), item.cluster()));
        return clusters.isEmpty() ? Optional.empty() : Optional.of(new BenchmarkClusters(benchmark.id(), clusters));
    }

    /** Tasks per model: every item in every variant, {@code samplesPerItem} times. */
    public long tasksPerModel(int samplesPerItem) {
        return (long) items * variants.size() * samplesPerItem;
    }
}
