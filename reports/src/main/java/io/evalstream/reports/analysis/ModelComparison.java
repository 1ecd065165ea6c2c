package io.evalstream.reports.analysis;

import io.evalstream.reports.scoring.GradedSample;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Model A against model B, benchmark by benchmark, on the samples both have, with the seesaw verdict. Each
 * benchmark's verdict p-value is adjusted across the benchmarks by {@code correction} before it is compared with
 * alpha, so a seesaw is not just the chance of one test in many going off.
 *
 * @param a          the baseline: a model in a run
 * @param b          the model compared with it (possibly the same model in another run)
 * @param alpha      significance level of every test
 * @param correction how the benchmarks' p-values were adjusted (Holm unless asked otherwise)
 * @param clusterBy  what made samples a cluster beyond the item
 * @param declaredClusters the benchmarks whose items were clustered as their definitions declare, sorted
 * @param benchmarks one comparison per benchmark either side has grades on, by benchmark id
 */
public record ModelComparison(Side a, Side b, double alpha, MultipleTesting correction, ClusterBy clusterBy,
        List<String> declaredClusters, List<BenchmarkComparison> benchmarks, Seesaw seesaw) {

    /** A model in a run. */
    public record Side(String runId, String modelId) {
    }

    /**
     * @param samplesA A's latest samples by benchmark and {@link PairKey}
     * @param samplesB B's, likewise
     */
    public static ModelComparison of(Side a, Side b, Map<String, Map<PairKey, GradedSample>> samplesA,
            Map<String, Map<PairKey, GradedSample>> samplesB, CompareOptions options) {
        TreeSet<String> benchmarkIds = new TreeSet<>(samplesA.keySet());
        benchmarkIds.addAll(samplesB.keySet());
        List<BenchmarkComparison> unadjusted = benchmarkIds.stream()
                .map(id -> PairedComparison.compare(id, samplesA.getOrDefault(id, Map.of()),
                        samplesB.getOrDefault(id, Map.of()), options))
                .toList();
        Double[] adjusted = options.correction().adjust(unadjusted.stream()
                .map(BenchmarkComparison::verdictPValue).toList());
        List<BenchmarkComparison> comparisons = IntStream.range(0, unadjusted.size())
                .mapToObj(i -> unadjusted.get(i).decidedAt(adjusted[i], options.alpha()))
                .toList();
        List<String> declared = benchmarkIds.stream().filter(options.declared()::containsKey).toList();
        return new ModelComparison(a, b, options.alpha(), options.correction(), options.clusterBy(), declared,
                comparisons, Seesaw.of(comparisons));
    }
}
