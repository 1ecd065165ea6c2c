package io.evalstream.reports.scoring;

import org.apache.commons.math3.special.Beta;

/**
 * An anytime-valid confidence sequence for the mean of scores in [0, 1]: the chance that the interval ever misses
 * the true mean, at any of the looks however many and however chosen (watching a run and stopping when it "looks
 * significant"), is at most alpha. A fixed-n interval such as Wilson's holds at one pre-set n only.
 *
 * <p>This is the beta-binomial conjugate mixture of Howard, Ramdas, McAuliffe and Sekhon 2021, "Time-uniform,
 * nonparametric, nonasymptotic confidence sequences" (its conjugate mixtures): for a candidate mean p,
 * {@code M_t(p) = B(a + S, b + t - S) / (B(a, b) p^S (1 - p)^(t - S))}, with S the sum of the t scores, is the
 * likelihood ratio of a Beta(a, b) mixture of Bernoulli means against p. For scores in [0, 1] (not only 0 or 1) it is
 * still a nonnegative supermartingale under mean p, because each factor {@code (q/p)^x ((1-q)/(1-p))^(1-x)} is convex
 * in x and so has expectation at most its value on a Bernoulli(p), which is 1 (the sub-Bernoulli argument that
 * Waudby-Smith and Ramdas 2023, "Estimating means of bounded random variables by betting", also build on). Ville's
 * inequality then gives {@code P(exists t: M_t(mu) >= 1/alpha) <= alpha}, and the sequence is
 * {@code {p : M_t(p) < 1/alpha}}, an interval around S/t since log M_t is convex in p.
 *
 * <p>It needs only (S, t), so a live cell's tally gives it with no new state; a call is two bisections of about 50
 * steps of two logarithms each (about a microsecond), cheap enough for every cell at every scrape. The betting
 * sequences of Waudby-Smith and Ramdas are narrower but depend on the order of the scores, which a tally does not keep.
 */
public final class ConfidenceSequence {

    /** The uniform Beta(1, 1) mixing distribution over the alternative means. */
    static final double PRIOR_A = 1;
    static final double PRIOR_B = 1;

    private static final int STEPS = 52;

    private ConfidenceSequence() {
    }

    /**
     * @param sum   the sum of the n scores, each in [0, 1] (for right/wrong, the number right)
     * @param n     scores seen so far, >= 0
     * @param alpha the chance, over the whole sequence, of ever missing the mean; in (0, 1)
     * @return the interval at this look; [0, 1] when n = 0
     * @throws IllegalArgumentException when the sum is outside [0, n] or alpha outside (0, 1)
     */
    public static Interval interval(double sum, long n, double alpha) {
        if (n < 0 || !(sum >= 0 && sum <= n)) {
            throw new IllegalArgumentException("a confidence sequence needs n >= 0 scores in [0, 1] summing to"
                    + " [0, n], got sum " + sum + " over n " + n);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (n == 0) {
            return new Interval(0, 1);
        }
        double failures = n - sum;
        double threshold = Math.log(1 / alpha) + Beta.logBeta(PRIOR_A, PRIOR_B)
                - Beta.logBeta(PRIOR_A + sum, PRIOR_B + failures);
        double estimate = sum / n;
        // Inside the sequence iff S log p + F log(1 - p) > -threshold (log M_t(p) < log(1/alpha) rearranged).
        double lower = sum == 0 ? 0 : boundary(sum, failures, -threshold, 0, estimate);
        double upper = failures == 0 ? 1 : boundary(sum, failures, -threshold, 1, estimate);
        return new Interval(Math.max(0, Math.min(lower, estimate)), Math.min(1, Math.max(upper, estimate)));
    }

    /** Right/wrong scores: {@code successes} right of {@code n}. */
    public static Interval interval(long successes, long n, double alpha) {
        return interval((double) successes, n, alpha);
    }

    /**
     * Bisects between {@code outside} (0 or 1, where the log-likelihood is -infinity) and the inside estimate; returns
     * the outside end of the last bracket, so rounding widens the interval rather than narrowing it.
     */
    private static double boundary(double sum, double failures, double floor, double outside, double inside) {
        double out = outside;
        double in = inside;
        for (int step = 0; step < STEPS; step++) {
            double middle = (out + in) / 2;
            if (logLikelihood(sum, failures, middle) > floor) {
                in = middle;
            } else {
                out = middle;
            }
        }
        return out;
    }

    private static double logLikelihood(double sum, double failures, double p) {
        return (sum == 0 ? 0 : sum * Math.log(p)) + (failures == 0 ? 0 : failures * Math.log1p(-p));
    }
}
