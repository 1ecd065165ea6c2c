package io.evalstream.reports.scoring;

import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.ScorerScore;
import io.evalstream.contracts.Verdict;

/**
 * One scorer's verdict counts and score sums in a cell, beside its {@link Tally}; moved by the same adder and
 * subtractor, so a replaced or regraded grade moves every scorer's verdict at once and counts stay exact.
 *
 * @param position where the scorer stands in its benchmark's list (0 is the headline), to report them in order
 */
public record ScorerTally(int position, long graded, long correct, double scoreSum, double scoreSquareSum) {

    public static final ScorerTally EMPTY = new ScorerTally(0, 0, 0, 0.0, 0.0);

    public ScorerTally {
        if (correct < 0 || graded < correct) {
            throw new IllegalArgumentException("scorer counts must satisfy 0 <= correct <= graded, got " + correct
                    + " of " + graded);
        }
    }

    /** This tally with one verdict added ({@code delta} 1) or taken back (-1). */
    ScorerTally move(int at, Verdict verdict, double score, int delta) {
        if (graded + delta == 0) {
            // Emptied: exact zeros rather than the rounding of the subtractions.
            return new ScorerTally(at, 0, 0, 0.0, 0.0);
        }
        return new ScorerTally(at, graded + delta, correct + (verdict == Verdict.CORRECT ? delta : 0),
                scoreSum + delta * score, scoreSquareSum + delta * score * score);
    }

    ScorerTally plus(ScorerTally other) {
        return new ScorerTally(Math.min(position, other.position), graded + other.graded, correct + other.correct,
                scoreSum + other.scoreSum, scoreSquareSum + other.scoreSquareSum);
    }

    /**
     * Accuracy over every counted verdict (errors count as not correct, as the headline's), with its Wilson interval
     * (Wilson 1927) and the mean score with its standard error.
     */
    ScorerScore score(String scorer) {
        return new ScorerScore(scorer, graded, correct, new ScoreEstimates(Proportions.estimate(correct, graded),
                Means.estimate(graded, scoreSum, scoreSquareSum)));
    }
}
