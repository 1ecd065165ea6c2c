package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.ScorerScore;
import io.evalstream.contracts.Verdict;
import java.util.Optional;

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
        Optional<Interval> interval = Proportions.wilson95(correct, graded);
        return new ScorerScore(scorer, graded, correct, Means.boxed(Proportions.ratio(correct, graded)),
                interval.map(Interval::lower).orElse(null), interval.map(Interval::upper).orElse(null),
                Means.boxed(Means.mean(graded, scoreSum)), Means.boxed(Means.standardError(graded, scoreSum,
                scoreSquareSum)));
    }
}
