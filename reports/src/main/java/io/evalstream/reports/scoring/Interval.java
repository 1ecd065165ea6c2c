package io.evalstream.reports.scoring;

/** A two-sided confidence interval for a proportion; {@code 0 <= lower <= upper <= 1}. */
public record Interval(double lower, double upper) {

    public Interval {
        if (!(lower >= 0.0 && lower <= upper && upper <= 1.0)) {
            throw new IllegalArgumentException("an interval for a proportion needs 0 <= lower <= upper <= 1, got ["
                    + lower + ", " + upper + "]");
        }
    }
}
