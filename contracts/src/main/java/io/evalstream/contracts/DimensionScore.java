package io.evalstream.contracts;

/**
 * The mean judge score of one rubric dimension over a cell's judged answers.
 *
 * @param dimension the rubric dimension, e.g. {@code grammar}
 * @param judged    answers with a score on this dimension
 * @param mean      their mean score on the rubric's 1-10 scale
 * @param stdErr    standard error of the mean; null below 2 scores
 */
public record DimensionScore(String dimension, long judged, double mean, Double stdErr) {

    public DimensionScore {
        Require.id(dimension, "judgeScores[].dimension");
        Require.atLeast(judged, 1, "judgeScores[].judged");
        Require.between(mean, Judgement.MIN_SCORE, Judgement.MAX_SCORE, "judgeScores[].mean");
    }
}
