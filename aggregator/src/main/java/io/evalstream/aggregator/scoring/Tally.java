package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.Verdict;
import java.util.OptionalDouble;

/**
 * Verdict counts and score sums over the latest grade of every task of one cell (run, model, benchmark).
 * Immutable: {@link #add} and {@link #subtract} return new tallies, so a task whose grade is replaced moves
 * from its old verdict and score to its new ones and a re-delivered grade never counts twice.
 *
 * @param scoreSum       sum of the grades' scores in [0, 1]
 * @param scoreSquareSum sum of their squares, for the standard error of the mean score
 * @param category       category of the most recently added grade; null while nothing was added
 * @param settingsHash   settings hash of the most recently added grade; null while nothing was added
 */
public record Tally(long graded, long correct, long incorrect, long noAnswer, long errors, double scoreSum,
        double scoreSquareSum, Category category, String settingsHash) {

    public static final Tally EMPTY = new Tally(0, 0, 0, 0, 0, 0.0, 0.0, null, null);

    public Tally {
        if (correct < 0 || incorrect < 0 || noAnswer < 0 || errors < 0
                || graded != correct + incorrect + noAnswer + errors) {
            throw new IllegalArgumentException("verdict counts must be >= 0 and sum to graded: graded=" + graded
                    + " correct=" + correct + " incorrect=" + incorrect + " noAnswer=" + noAnswer + " errors=" + errors);
        }
        if (!Double.isFinite(scoreSum) || !Double.isFinite(scoreSquareSum)) {
            throw new IllegalArgumentException("score sums must be finite, got " + scoreSum + " and " + scoreSquareSum);
        }
    }

    public Tally add(GradedSample sample) {
        return change(sample.verdict(), 1, sample.score(), sample.category(), sample.settingsHash());
    }

    /**
     * Takes back a sample added before.
     *
     * @throws IllegalStateException when no sample with that verdict was counted, which would be a bug in
     *                               the caller: Kafka Streams only subtracts what it added
     */
    public Tally subtract(GradedSample sample) {
        if (count(sample.verdict()) == 0) {
            throw new IllegalStateException("cannot subtract a " + sample.verdict() + " grade from " + sample.cell()
                    + ": none is counted (" + this + "); the latest-grade table and the tally disagree");
        }
        return change(sample.verdict(), -1, sample.score(), category, settingsHash);
    }

    public long count(Verdict verdict) {
        return switch (verdict) {
            case CORRECT -> correct;
            case INCORRECT -> incorrect;
            case NO_ANSWER -> noAnswer;
            case ERROR -> errors;
        };
    }

    /** Mean score in [0, 1]; absent while nothing is graded. */
    public OptionalDouble meanScore() {
        return Means.mean(graded, scoreSum);
    }

    /** Standard error of the mean score; absent below 2 grades. */
    public OptionalDouble meanScoreStdErr() {
        return Means.standardError(graded, scoreSum, scoreSquareSum);
    }

    private Tally change(Verdict verdict, int delta, double score, Category newCategory, String newHash) {
        long total = graded + delta;
        // An emptied cell starts again from exact zeros instead of carrying the rounding of its subtractions.
        double sum = total == 0 ? 0.0 : scoreSum + delta * score;
        double squares = total == 0 ? 0.0 : scoreSquareSum + delta * score * score;
        return switch (verdict) {
            case CORRECT -> new Tally(total, correct + delta, incorrect, noAnswer, errors, sum, squares, newCategory,
                    newHash);
            case INCORRECT -> new Tally(total, correct, incorrect + delta, noAnswer, errors, sum, squares, newCategory,
                    newHash);
            case NO_ANSWER -> new Tally(total, correct, incorrect, noAnswer + delta, errors, sum, squares, newCategory,
                    newHash);
            case ERROR -> new Tally(total, correct, incorrect, noAnswer, errors + delta, sum, squares, newCategory,
                    newHash);
        };
    }
}
