package io.evalstream.reports.scoring;

import io.evalstream.contracts.Estimate;
import java.util.OptionalDouble;

/**
 * Mean and standard error of scores in [0, 1] from running sums (n, sum, sum of squares), so they stream
 * with add and subtract. Sums that went through many subtractions carry float cancellation: the mean is
 * clamped to [0, 1] and a variance a hair below 0 reads as 0.
 */
public final class Means {

    private Means() {
    }

    /** sum / n in [0, 1]; absent when n = 0. */
    public static OptionalDouble mean(long n, double sum) {
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(clamp(sum / n));
    }

    /** Sample standard deviation (n - 1) over sqrt(n); absent when n < 2. */
    public static OptionalDouble standardError(long n, double sum, double squareSum) {
        if (n < 2) {
            return OptionalDouble.empty();
        }
        double variance = (squareSum - sum * sum / n) / (n - 1);
        return OptionalDouble.of(Math.sqrt(Math.max(0.0, variance) / n));
    }

    /** The mean with its standard error; {@link Estimate#NONE} when n = 0. */
    public static Estimate estimate(long n, double sum, double squareSum) {
        return Estimate.mean(boxed(mean(n, sum)), boxed(standardError(n, sum, squareSum)));
    }

    static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    private static double clamp(double value) {
        return Math.max(0.0, Math.min(1.0, value));
    }
}
