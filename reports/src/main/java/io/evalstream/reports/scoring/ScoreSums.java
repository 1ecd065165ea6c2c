package io.evalstream.reports.scoring;

/**
 * The sum of a cell's scores in [0, 1] and of their squares, for the mean score and its standard error.
 */
public record ScoreSums(double scoreSum, double scoreSquareSum) {

    public static final ScoreSums ZERO = new ScoreSums(0.0, 0.0);

    public ScoreSums {
        if (!Double.isFinite(scoreSum) || !Double.isFinite(scoreSquareSum)) {
            throw new IllegalArgumentException("score sums must be finite, got " + scoreSum + " and " + scoreSquareSum);
        }
    }

    /** These sums with {@code score} added ({@code delta} 1) or taken back (-1). */
    public ScoreSums move(double score, int delta) {
        return new ScoreSums(scoreSum + delta * score, scoreSquareSum + delta * score * score);
    }

    public ScoreSums plus(ScoreSums other) {
        return new ScoreSums(scoreSum + other.scoreSum, scoreSquareSum + other.scoreSquareSum);
    }
}
