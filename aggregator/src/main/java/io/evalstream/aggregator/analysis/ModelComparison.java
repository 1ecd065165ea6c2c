package io.evalstream.aggregator.analysis;

import io.evalstream.aggregator.scoring.GradedSample;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Model A against model B, benchmark by benchmark, on the samples both have, with the seesaw verdict.
 *
 * @param a          the baseline: a model in a run
 * @param b          the model compared with it (possibly the same model in another run)
 * @param alpha      significance level of every test
 * @param benchmarks one comparison per benchmark either side has grades on, by benchmark id
 */
public record ModelComparison(Side a, Side b, double alpha, List<BenchmarkComparison> benchmarks, Seesaw seesaw) {

    /** A model in a run. */
    public record Side(String runId, String modelId) {
    }

    /**
     * @param samplesA A's latest samples by benchmark and {@link PairKey}
     * @param samplesB B's, likewise
     * @param alpha    in (0, 1)
     */
    public static ModelComparison of(Side a, Side b, Map<String, Map<PairKey, GradedSample>> samplesA,
            Map<String, Map<PairKey, GradedSample>> samplesB, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        TreeSet<String> benchmarkIds = new TreeSet<>(samplesA.keySet());
        benchmarkIds.addAll(samplesB.keySet());
        List<BenchmarkComparison> comparisons = benchmarkIds.stream()
                .map(id -> PairedComparison.compare(id, samplesA.getOrDefault(id, Map.of()),
                        samplesB.getOrDefault(id, Map.of()), alpha))
                .toList();
        return new ModelComparison(a, b, alpha, comparisons, Seesaw.of(comparisons));
    }
}
