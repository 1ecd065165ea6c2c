package io.evalstream.contracts;

import java.util.List;

/**
 * Every scorer's verdict on one answer, for a task whose benchmark declares several scorers.
 *
 * @param scores             the verdicts, the headline (the grade's own verdict, score and extracted answer) first;
 *                           null when the task has only its default scorer
 * @param scorersFingerprint {@link Scorer#fingerprint} of the scorers that made {@code scores} (the definition it was
 *                           graded by, beside the grader version); null exactly when scores is null
 */
public record ScorerVerdicts(List<ScorerVerdict> scores, String scorersFingerprint) {

    public static final ScorerVerdicts NONE = new ScorerVerdicts(null, null);

    public ScorerVerdicts {
        if ((scores == null) != (scorersFingerprint == null)) {
            throw new InvalidRecordException("field 'scorersFingerprint' must be given exactly when 'scores' is");
        }
        if (scores != null) {
            Require.nonEmpty(scores, "scores");
            if (scores.size() > Scorer.MAX_PER_BENCHMARK) {
                throw new InvalidRecordException("field 'scores' holds " + scores.size() + " verdicts; at most "
                        + Scorer.MAX_PER_BENCHMARK + " are allowed");
            }
            Require.present(scores.get(0), "scores[0]");
            scores = List.copyOf(scores);
        }
    }

    /** The verdicts made by {@code scorers}, stamped with their fingerprint. */
    public static ScorerVerdicts of(List<ScorerVerdict> verdicts, List<Scorer> scorers) {
        return new ScorerVerdicts(verdicts, Scorer.fingerprint(scorers));
    }
}
