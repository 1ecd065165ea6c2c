package io.evalstream.grader.grading;

import io.evalstream.contracts.Verdict;

/**
 * The grade-deciding part of a {@link io.evalstream.contracts.Grade}.
 *
 * @param extracted the answer in the form its metric compares; null when none was found
 * @param score     in [0, 1]: 1 exactly when CORRECT, 0 for NO_ANSWER, partial credit (token F1) for INCORRECT
 */
public record Outcome(Verdict verdict, String extracted, double score) {

    public Outcome {
        if (verdict == null || verdict == Verdict.ERROR) {
            throw new IllegalArgumentException("an outcome of grading text is CORRECT, INCORRECT or NO_ANSWER");
        }
        if ((extracted == null) != (verdict == Verdict.NO_ANSWER)) {
            throw new IllegalArgumentException("an answer is extracted exactly when the verdict is not NO_ANSWER");
        }
        boolean consistent = switch (verdict) {
            case CORRECT -> score == 1.0;
            case INCORRECT -> score >= 0.0 && score < 1.0;
            case NO_ANSWER, ERROR -> score == 0.0;
        };
        if (!consistent) {
            throw new IllegalArgumentException("score " + score + " does not fit verdict " + verdict);
        }
    }

    static Outcome noAnswer() {
        return new Outcome(Verdict.NO_ANSWER, null, 0.0);
    }

    /** CORRECT at a score of 1, INCORRECT with its partial credit below that. */
    static Outcome scored(String extracted, double score) {
        return new Outcome(score == 1.0 ? Verdict.CORRECT : Verdict.INCORRECT, extracted, score);
    }
}
