package io.evalstream.contracts;

/**
 * A figure estimated from a sample, with its uncertainty: a proportion with its 95% interval (Wilson's for accuracy),
 * or a mean with its standard error. Each part is null when there is too little to give it: the value with nothing
 * counted, the standard error below two values. The n it was taken over is not part of it: the record that holds it
 * carries the counts (its {@code graded}, {@code correct}), and the wire carries no second copy of them.
 *
 * @param value  the point estimate
 * @param stdErr its standard error (sample standard deviation with n - 1, over sqrt(n)); null when not given
 * @param low    lower end of its 95% interval; null when not given
 * @param high   upper end of its 95% interval, at least {@code low}; null when not given
 */
public record Estimate(Double value, Double stdErr, Double low, Double high) {

    /** Nothing to estimate from. */
    public static final Estimate NONE = new Estimate(null, null, null, null);

    public Estimate {
        if ((low == null) != (high == null) || low != null && !(low <= high)) {
            throw new InvalidRecordException("an interval needs both ends with low <= high, got [" + low + ", " + high
                    + "]");
        }
        if (stdErr != null && !(stdErr >= 0)) {
            throw new InvalidRecordException("a standard error must be >= 0, got " + stdErr);
        }
    }

    /** A proportion with its interval; NONE when {@code value} is null (nothing counted). */
    public static Estimate proportion(Double value, Double low, Double high) {
        return value == null ? NONE : new Estimate(value, null, low, high);
    }

    /** A mean with its standard error; NONE when {@code value} is null (nothing counted). */
    public static Estimate mean(Double value, Double stdErr) {
        return value == null ? NONE : new Estimate(value, stdErr, null, null);
    }
}
