package io.evalstream.contracts;

/**
 * How a grade marked its answer.
 *
 * @param score     the metric's score in [0, 1]: 1 for CORRECT; for partial-credit metrics (token F1) an INCORRECT
 *                  answer may score between 0 and 1; 0 for NO_ANSWER and ERROR
 * @param extracted the answer found in the completion; null when none was found or the call failed
 * @param reference the task's reference answer, copied from it; null for none
 */
public record Marking(Verdict verdict, double score, String extracted, String reference) {

    public Marking {
        Require.present(verdict, "verdict");
        Require.between(score, 0.0, 1.0, "score");
        if (verdict == Verdict.CORRECT && score != 1.0) {
            throw new InvalidRecordException("field 'score' must be 1 for a CORRECT verdict, got " + score);
        }
        if ((verdict == Verdict.NO_ANSWER || verdict == Verdict.ERROR) && score != 0.0) {
            throw new InvalidRecordException("field 'score' must be 0 for a " + verdict + " verdict, got " + score);
        }
    }

    /** A failed evaluation: nothing extracted, score 0. */
    public static Marking error(String reference) {
        return new Marking(Verdict.ERROR, 0.0, null, reference);
    }
}
