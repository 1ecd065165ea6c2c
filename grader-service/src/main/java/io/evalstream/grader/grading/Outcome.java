package io.evalstream.grader.grading;

import io.evalstream.contracts.Verdict;

/**
 * The grade-deciding part of a {@link io.evalstream.contracts.Grade}.
 *
 * @param extracted the normalized answer; null when none was found
 */
public record Outcome(Verdict verdict, String extracted) {

    public Outcome {
        if (verdict == null || verdict == Verdict.ERROR) {
            throw new IllegalArgumentException("an outcome of grading text is CORRECT, INCORRECT or NO_ANSWER");
        }
        if ((extracted == null) != (verdict == Verdict.NO_ANSWER)) {
            throw new IllegalArgumentException("an answer is extracted exactly when the verdict is not NO_ANSWER");
        }
    }

    static Outcome noAnswer() {
        return new Outcome(Verdict.NO_ANSWER, null);
    }

    /** 1.0 for a correct answer, 0.0 otherwise. */
    public double score() {
        return verdict == Verdict.CORRECT ? 1.0 : 0.0;
    }
}
