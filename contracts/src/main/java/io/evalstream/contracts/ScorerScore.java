package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One scorer's result in a (run, model, benchmark) cell, beside the headline's in {@link BenchmarkScore}: accuracy
 * with its 95% Wilson interval and the mean score with its standard error, over the same tasks as the headline
 * (those stopped early left out). The estimates are NONE while there is nothing to take them over.
 *
 * @param scorer the scorer's name as its benchmark declares it ({@link Scorer#name()})
 * @param graded tasks this scorer's verdict counts in
 */
public record ScorerScore(String scorer, long graded, long correct, @JsonUnwrapped ScoreEstimates estimates) {

    public ScorerScore {
        Require.id(scorer, "scorers[].scorer");
        Require.atLeast(graded, 0, "scorers[].graded");
        Require.atLeast(correct, 0, "scorers[].correct");
        estimates = estimates == null ? ScoreEstimates.NONE : estimates;
    }
}
