package io.evalstream.contracts;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The declared cluster of each item of one benchmark in a run (the benchmark YAML's {@code cluster}): items sharing
 * one are not independent, so the aggregator's analyses cluster their standard errors by it (Miller 2024, "Adding
 * Error Bars to Evals").
 *
 * @param items cluster id by item id, for the run's items of the benchmark; sorted by item id, so the JSON is stable
 */
public record BenchmarkClusters(String benchmarkId, Map<String, String> items) {

    public BenchmarkClusters {
        Require.id(benchmarkId, "clusters[].benchmarkId");
        Require.present(items, "clusters[].items");
        items = Collections.unmodifiableSortedMap(new TreeMap<>(items));
    }
}
