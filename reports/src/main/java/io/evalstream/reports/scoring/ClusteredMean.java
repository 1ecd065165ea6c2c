package io.evalstream.reports.scoring;

import java.util.Collection;

/**
 * The mean of values that come in clusters (the samples of one item, the questions on one passage, one MMLU subject)
 * with its naive standard error, which treats every value as independent, and the cluster-robust one of Miller 2024,
 * "Adding Error Bars to Evals", eq. (4): {@code SE_c^2 = s^2/n + (1/n^2) sum_c sum_{i != j in c} (x_i - m)(x_j - m)},
 * with {@code s^2} the n - 1 sample variance. Values that are all alone in their cluster give {@code SE_c = SE}.
 *
 * @param n            values
 * @param clusters     clusters holding them
 * @param mean         their mean
 * @param naiveSe      s / sqrt(n); null when n < 2
 * @param clusteredSe  the clustered standard error, always >= 0; null when n < 2
 * @param designEffect {@code (clusteredSe / naiveSe)^2}, how many times the variance the clusters multiply; null
 *                     when n < 2 or every value is the same (no variance to multiply)
 */
public record ClusteredMean(long n, long clusters, double mean, Double naiveSe, Double clusteredSe,
        Double designEffect) {

    /**
     * @param clusters count, sum and sum of squares of the values of each cluster; at least one value in all
     * @throws IllegalArgumentException when there is no value
     */
    public static ClusteredMean of(Collection<Moments> clusters) {
        Moments all = clusters.stream().reduce(Moments.EMPTY, Moments::plus);
        if (all.n() == 0) {
            throw new IllegalArgumentException("a clustered mean needs at least one value");
        }
        long nonEmpty = clusters.stream().filter(cluster -> cluster.n() > 0).count();
        double n = all.n();
        double mean = all.sum() / n;
        if (all.n() < 2) {
            return single(mean);
        }
        double within = 0;
        double crossTerms = 0;
        for (Moments cluster : clusters) {
            double residualSum = cluster.sum() - cluster.n() * mean;
            double residualSquares = Math.max(0, cluster.squareSum() - 2 * mean * cluster.sum()
                    + cluster.n() * mean * mean);
            within += residualSquares;
            // (sum of residuals)^2 - sum of squared residuals = the sum over ordered pairs i != j of the cluster.
            crossTerms += residualSum * residualSum - residualSquares;
        }
        double naiveVariance = within / (n - 1) / n;
        // W/(n-1)/n + (sum_c e_c^2 - W)/n^2 = (W/(n-1) + sum_c e_c^2)/n^2 >= 0; the max only guards rounding.
        double clusteredVariance = Math.max(0, naiveVariance + crossTerms / (n * n));
        return new ClusteredMean(all.n(), nonEmpty, mean, Math.sqrt(naiveVariance), Math.sqrt(clusteredVariance),
                naiveVariance > 0 ? clusteredVariance / naiveVariance : null);
    }

    /** One value, in one cluster: its mean, and no standard error (nor design effect) to estimate from it. */
    private static ClusteredMean single(double value) {
        return new ClusteredMean(1, 1, value, null, null, null);
    }
}
