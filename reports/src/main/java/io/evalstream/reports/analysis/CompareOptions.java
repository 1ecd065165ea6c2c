package io.evalstream.reports.analysis;

import io.evalstream.reports.scoring.GradedSample;
import java.util.Map;

/**
 * How two models are compared.
 *
 * @param alpha         significance level of every test, in (0, 1)
 * @param correction    how the benchmarks' p-values are adjusted for the seesaw verdict
 * @param power         the chance of detecting a difference the power analysis is for, in (0, 1)
 * @param forDifference a difference B - A to size the run for (items needed); null for none
 * @param clusterBy     what makes samples a cluster beyond the item (see {@link ClusterBy})
 * @param declared      the clusters the benchmark definitions declare: cluster id by item id, by benchmark id (from
 *                      the run manifest); empty for none
 */
public record CompareOptions(double alpha, MultipleTesting correction, double power, Double forDifference,
        ClusterBy clusterBy, Map<String, Map<String, String>> declared) {

    public CompareOptions {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (!(power > 0 && power < 1)) {
            throw new IllegalArgumentException("power must be in (0, 1), got " + power);
        }
        if (correction == null || clusterBy == null) {
            throw new IllegalArgumentException("a comparison needs a correction and a clustering");
        }
        declared = declared == null ? Map.of() : Map.copyOf(declared);
    }

    /** Holm's correction, 80% power, no difference to size for, clusters by item (none declared). */
    public static CompareOptions of(double alpha) {
        return new CompareOptions(alpha, MultipleTesting.HOLM, Power.DEFAULT_POWER, null, ClusterBy.ITEM, Map.of());
    }

    /**
     * The cluster of a sample: its subset when clustering by subset and it has one, else the cluster its benchmark
     * declares for its item, else its item.
     */
    String clusterOf(String benchmarkId, String itemId, GradedSample sample) {
        if (clusterBy == ClusterBy.SUBSET && sample.subset() != null) {
            return clusterBy.clusterOf(itemId, sample);
        }
        String cluster = declared.getOrDefault(benchmarkId, Map.of()).get(itemId);
        return cluster == null ? itemId : "declared:" + cluster;
    }
}
