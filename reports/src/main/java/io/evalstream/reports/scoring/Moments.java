package io.evalstream.reports.scoring;

import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.Judgement;

/**
 * Count, sum and sum of squares of one rubric dimension's judge scores (1-10) in a cell, so its mean and
 * standard error stream with add and remove. A count back at 0 restarts from exact zeros.
 *
 * @param n         scores counted
 * @param sum       their sum
 * @param squareSum the sum of their squares
 */
public record Moments(long n, double sum, double squareSum) {

    public static final Moments EMPTY = new Moments(0, 0.0, 0.0);

    public Moments {
        if (n < 0 || !Double.isFinite(sum) || !Double.isFinite(squareSum)) {
            throw new IllegalArgumentException("moments need n >= 0 and finite sums, got n=" + n + " sum=" + sum
                    + " squareSum=" + squareSum);
        }
    }

    public Moments add(double score) {
        return new Moments(n + 1, sum + score, squareSum + score * score);
    }

    public Moments plus(Moments other) {
        return new Moments(n + other.n, sum + other.sum, squareSum + other.squareSum);
    }

    /** @throws IllegalStateException when nothing is counted: the caller removes what it never added */
    public Moments remove(double score) {
        if (n == 0) {
            throw new IllegalStateException("cannot remove a judge score from an empty dimension");
        }
        return n == 1 ? EMPTY : new Moments(n - 1, sum - score, squareSum - score * score);
    }

    /**
     * The dimension's mean (clamped to the rubric's 1-10 scale against the rounding of many removals) and
     * its standard error; null while nothing is counted.
     */
    public DimensionScore score(String dimension) {
        if (n == 0) {
            return null;
        }
        double mean = Math.max(Judgement.MIN_SCORE, Math.min(Judgement.MAX_SCORE, sum / n));
        return new DimensionScore(dimension, n, mean, Means.boxed(Means.standardError(n, sum, squareSum)));
    }
}
