package io.evalstream.reports.analysis;

import io.evalstream.reports.scoring.LikelihoodSums;
import io.evalstream.reports.scoring.TaskSample;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Mean score per (model, benchmark) over the latest samples, ERROR counting 0 as in the scoreboard (and the errors
 * of the evaluation rather than the model, {@link io.evalstream.reports.scoring.GradedSample#unscored()}, not at
 * all). A benchmark
 * scored by perplexity has {@code 1 - bitsPerByte} (over its corpus: summed nats over summed bytes) instead, so that
 * the loss a scaling fit takes, {@code 1 - score}, is its bits per byte: the loss GPT-4's predictable scaling fits,
 * comparable across tokenizers.
 */
public final class CellMeans {

    private CellMeans() {
    }

    /** @return mean score in [0, 1] by model, then benchmark, for the {@code models} with grades */
    public static Map<String, Map<String, Double>> of(Iterable<TaskSample> samples, Set<String> models) {
        Map<String, Map<String, double[]>> sums = new TreeMap<>();
        Map<String, LikelihoodSums> corpus = new TreeMap<>();
        for (TaskSample sample : samples) {
            if (models.contains(sample.task().modelId()) && !sample.sample().unscored()) {
                double[] sum = sums.computeIfAbsent(sample.task().modelId(), model -> new TreeMap<>())
                        .computeIfAbsent(sample.task().benchmarkId(), benchmark -> new double[2]);
                LikelihoodSums likelihood = sample.sample().detail().likelihood();
                if (likelihood != null && likelihood.measured() > 0) {
                    corpus.merge(sample.task().modelId() + "\n" + sample.task().benchmarkId(), likelihood,
                            LikelihoodSums::plus);
                }
                sum[0] += sample.sample().score();
                sum[1]++;
            }
        }
        Map<String, Map<String, Double>> means = new TreeMap<>();
        sums.forEach((model, benchmarks) -> benchmarks.forEach((benchmark, sum) ->
                means.computeIfAbsent(model, m -> new TreeMap<>()).put(benchmark, sum[0] / sum[1])));
        corpus.forEach((cell, likelihood) -> {
            String[] key = cell.split("\n", 2);
            means.get(key[0]).put(key[1], 1 - likelihood.figures(0, false).bitsPerByte());
        });
        return means;
    }
}
