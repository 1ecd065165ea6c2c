package io.evalstream.reports.scoring;

import io.evalstream.contracts.Estimate;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/** Point estimates and intervals for "k successes out of n trials". An empty sample (n = 0) has neither. */
public final class Proportions {

    public static final double CONFIDENCE = 0.95;
    private static final WilsonScoreInterval WILSON = new WilsonScoreInterval();

    private Proportions() {
    }

    public static OptionalDouble ratio(long successes, long trials) {
        requireValid(successes, trials);
        return trials == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) successes / trials);
    }

    /**
     * The 95% Wilson score interval, which stays inside [0, 1] and behaves at 0/n and n/n where the normal
     * approximation does not. Bounds are clamped to [0, 1] against rounding at the extremes.
     *
     * @throws ArithmeticException when trials exceed {@link Integer#MAX_VALUE} (commons-math3 counts in ints)
     */
    public static Optional<Interval> wilson95(long successes, long trials) {
        requireValid(successes, trials);
        if (trials == 0) {
            return Optional.empty();
        }
        ConfidenceInterval interval = WILSON.createInterval(Math.toIntExact(trials), Math.toIntExact(successes),
                CONFIDENCE);
        // At 0/n and n/n the Wilson bound is exactly 0 (or 1); the library's rounding leaves ~1e-17 in reports.
        double lower = successes == 0 ? 0.0 : clamp(interval.getLowerBound());
        double upper = successes == trials ? 1.0 : clamp(interval.getUpperBound());
        return Optional.of(new Interval(lower, upper));
    }

    /** successes / trials with its 95% Wilson interval; {@link Estimate#NONE} when there are no trials. */
    public static Estimate estimate(long successes, long trials) {
        return wilson95(successes, trials)
                .map(interval -> Estimate.proportion((double) successes / trials, interval.lower(), interval.upper()))
                .orElse(Estimate.NONE);
    }

    private static void requireValid(long successes, long trials) {
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + " of " + trials);
        }
    }

    private static double clamp(double value) {
        return Math.max(0.0, Math.min(1.0, value));
    }
}
