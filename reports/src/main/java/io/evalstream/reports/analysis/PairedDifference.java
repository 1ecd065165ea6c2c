package io.evalstream.reports.analysis;

import io.evalstream.reports.scoring.ClusteredMean;
import io.evalstream.reports.scoring.Moments;
import java.util.Collection;
import org.apache.commons.math3.special.Erf;

/**
 * B - A over paired samples with the clustered standard error of Miller 2024, "Adding Error Bars to Evals", Sec. 4
 * (paired differences): the per-pair differences {@code d = score_B - score_A} are one clustered mean, so the
 * correlation of the two models' scores and the clustering of the items both enter the error. The interval and the
 * two-sided p-value are the normal (z) ones of the paper.
 *
 * @param difference mean of B - A, its naive and clustered standard errors and the design effect
 * @param ci95Low    difference - 1.96 clustered SE, clipped to [-1, 1]; null without a clustered SE
 * @param ci95High   difference + 1.96 clustered SE, likewise
 * @param pValue     two-sided z-test of B - A = 0 on the clustered SE; null without one; 1 or 0 when the SE is 0
 */
public record PairedDifference(ClusteredMean difference, Double ci95Low, Double ci95High, Double pValue) {

    /** @param clusters count, sum and sum of squares of the differences B - A of each cluster; one pair or more */
    public static PairedDifference of(Collection<Moments> clusters) {
        ClusteredMean mean = ClusteredMean.of(clusters);
        if (mean.clusteredSe() == null) {
            return untested(mean);
        }
        double se = mean.clusteredSe();
        double d = mean.mean();
        Double p = se > 0 ? Erf.erfc(Math.abs(d) / se / Math.sqrt(2)) : d == 0 ? 1.0 : 0.0;
        return new PairedDifference(mean, Math.max(-1, d - PairedComparison.Z95 * se),
                Math.min(1, d + PairedComparison.Z95 * se), p);
    }

    /** B - A of a single pair: no standard error, so no interval and no test. */
    private static PairedDifference untested(ClusteredMean mean) {
        return new PairedDifference(mean, null, null, null);
    }
}
