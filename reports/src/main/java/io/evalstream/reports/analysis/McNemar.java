package io.evalstream.reports.analysis;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * McNemar's test of two proportions measured on the same items: only the discordant items count,
 * {@code b} (A right, B wrong) and {@code c} (A wrong, B right). Under the null hypothesis each discordant item
 * falls on either side with probability 1/2.
 */
public final class McNemar {

    /** Below this many discordant items the exact binomial test is used; the chi-square approximation from it on. */
    public static final long EXACT_BELOW = 25;

    private McNemar() {
    }

    /** How the p-value was computed. */
    public enum Method {
        /** Two-sided exact binomial test: p = min(1, 2 P(X <= min(b, c))), X ~ Binomial(b + c, 1/2). */
        EXACT,
        /** Chi-square with continuity correction: (|b - c| - 1)^2 / (b + c), 1 degree of freedom. */
        CHI_SQUARE
    }

    /**
     * @param statistic for {@link Method#EXACT} the smaller discordant count min(b, c); for {@link Method#CHI_SQUARE}
     *                  the corrected chi-square statistic
     * @param pValue    two-sided, in [0, 1]; 1 when there is no discordant item
     */
    public record Result(long b, long c, Method method, double statistic, double pValue) {
    }

    /**
     * @param b items A got right and B wrong, >= 0
     * @param c items A got wrong and B right, >= 0
     */
    public static Result test(long b, long c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got b=" + b + " c=" + c);
        }
        long discordant = b + c;
        if (discordant == 0) {
            return new Result(b, c, Method.EXACT, 0, 1.0);
        }
        if (discordant < EXACT_BELOW) {
            long smaller = Math.min(b, c);
            // No random generator: only the distribution function is used.
            double tail = new BinomialDistribution(null, (int) discordant, 0.5).cumulativeProbability((int) smaller);
            return new Result(b, c, Method.EXACT, smaller, Math.min(1.0, 2 * tail));
        }
        double excess = Math.max(0, Math.abs(b - c) - 1);
        double statistic = excess * excess / discordant;
        // The chi-square (1 df) upper tail is erfc(sqrt(x / 2)); 1 - ChiSquaredDistribution.cumulativeProbability(x)
        // is the same number but rounds to 0 below about 1e-16, and a clear difference deserves a true p-value.
        double p = Erf.erfc(Math.sqrt(statistic / 2));
        return new Result(b, c, Method.CHI_SQUARE, statistic, p);
    }
}
