package io.evalstream.contracts;

/**
 * What one of a task's scorers made of its completion, kept on the task's one grade beside the headline, so that a
 * redelivered or regraded grade replaces every scorer's verdict at once and counts stay exact per scorer.
 *
 * @param scorer    the scorer's name ({@link Scorer#name()})
 * @param score     in [0, 1], as {@link Grade#score()}
 * @param extracted the answer this scorer's extractor found; null when none
 */
public record ScorerVerdict(String scorer, Verdict verdict, double score, String extracted) {

    public ScorerVerdict {
        Require.id(scorer, "scores[].scorer");
        Require.present(verdict, "scores[].verdict");
        Require.between(score, 0.0, 1.0, "scores[].score");
    }
}
