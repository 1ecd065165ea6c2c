package io.evalstream.reports.analysis;

import io.evalstream.reports.scoring.ClusteredMean;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * What a paired comparison can detect, after Miller 2024, "Adding Error Bars to Evals", Sec. 5 (power analysis): a
 * two-sided z-test at level alpha detects a true difference delta with probability {@code power} when
 * {@code |delta| >= (z_{1-alpha/2} + z_{power}) SE}. The clustered variance of the mean difference shrinks as one over
 * the number of clusters (items), so {@code SE^2 * clusters} is the variance per item and the items needed for delta
 * are {@code ((z_{1-alpha/2} + z_{power}) / delta)^2 SE^2 clusters}, rounded up.
 *
 * @param alpha             the test's two-sided level
 * @param power             the wanted chance of detecting the difference
 * @param minimumDetectable the smallest |B - A| this comparison detects with that power; null without a standard error
 * @param forDifference     the difference the items needed are for; null when none was asked
 * @param itemsNeeded       items (clusters) needed to detect {@code forDifference}; null when none was asked or there
 *                          is no standard error; 0 is never returned (at least 1)
 */
public record Power(double alpha, double power, Double minimumDetectable, Double forDifference, Long itemsNeeded) {

    /** The customary 80% power. */
    public static final double DEFAULT_POWER = 0.8;

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    /**
     * @param difference    the observed paired difference (only its clustered SE and cluster count are used)
     * @param forDifference a difference to size the run for, non-zero; null for none
     */
    public static Power of(ClusteredMean difference, double alpha, double power, Double forDifference) {
        requireLevel(alpha, "alpha");
        requireLevel(power, "power");
        if (forDifference != null && !(forDifference != 0 && Math.abs(forDifference) <= 1)) {
            throw new IllegalArgumentException("the difference to size for must be non-zero and in [-1, 1], got "
                    + forDifference);
        }
        Double se = difference.clusteredSe();
        if (se == null) {
            return new Power(alpha, power, null, forDifference, null);
        }
        double z = zSum(alpha, power);
        // The 1e-9 keeps a product that is a whole number up to rounding (196.00000000001) from asking one item more.
        Long items = forDifference == null ? null : Math.max(1, (long) Math.ceil(
                Math.pow(z / forDifference, 2) * se * se * difference.clusters() - 1e-9));
        return new Power(alpha, power, z * se, forDifference, items);
    }

    /** {@code z_{1-alpha/2} + z_{power}}: 2.8016 at alpha 0.05 and power 0.8. */
    static double zSum(double alpha, double power) {
        return NORMAL.inverseCumulativeProbability(1 - alpha / 2) + NORMAL.inverseCumulativeProbability(power);
    }

    private static void requireLevel(double value, String name) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), got " + value);
        }
    }
}
