package io.evalstream.aggregator.analysis;

import io.evalstream.aggregator.scoring.TaskSample;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Mean score per (model, benchmark) over the latest samples, ERROR counting 0 as in the scoreboard. */
public final class CellMeans {

    private CellMeans() {
    }

    /** @return mean score in [0, 1] by model, then benchmark, for the {@code models} with grades */
    public static Map<String, Map<String, Double>> of(Iterable<TaskSample> samples, Set<String> models) {
        Map<String, Map<String, double[]>> sums = new TreeMap<>();
        for (TaskSample sample : samples) {
            if (models.contains(sample.task().modelId())) {
                double[] sum = sums.computeIfAbsent(sample.task().modelId(), model -> new TreeMap<>())
                        .computeIfAbsent(sample.task().benchmarkId(), benchmark -> new double[2]);
                sum[0] += sample.sample().score();
                sum[1]++;
            }
        }
        Map<String, Map<String, Double>> means = new TreeMap<>();
        sums.forEach((model, benchmarks) -> benchmarks.forEach((benchmark, sum) ->
                means.computeIfAbsent(model, m -> new TreeMap<>()).put(benchmark, sum[0] / sum[1])));
        return means;
    }
}
