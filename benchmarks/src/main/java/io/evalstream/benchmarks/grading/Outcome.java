package io.evalstream.benchmarks.grading;

import io.evalstream.contracts.Texts;
import io.evalstream.contracts.Verdict;

/**
 * The grade-deciding part of a {@link io.evalstream.contracts.Grade}.
 *
 * @param extracted the answer in the form its metric compares; null when none was found
 * @param score     in [0, 1]: 1 exactly when CORRECT, 0 for NO_ANSWER, partial credit (token F1) for INCORRECT
 * @param detail    why, for an audit: what was missing (NO_ANSWER), how a program failed; null when nothing to add
 */
public record Outcome(Verdict verdict, String extracted, double score, String detail) {

    /** Longest detail kept on a grade: enough for an assertion message, not a whole traceback. */
    static final int MAX_DETAIL = 280;

    public Outcome {
        if (verdict == null || verdict == Verdict.ERROR || verdict == Verdict.JUDGED || verdict == Verdict.MEASURED) {
            throw new IllegalArgumentException("an outcome of grading text is CORRECT, INCORRECT or NO_ANSWER");
        }
        if ((extracted == null) != (verdict == Verdict.NO_ANSWER)) {
            throw new IllegalArgumentException("an answer is extracted exactly when the verdict is not NO_ANSWER");
        }
        boolean consistent = switch (verdict) {
            case CORRECT -> score == 1.0;
            case INCORRECT -> score >= 0.0 && score < 1.0;
            case NO_ANSWER, ERROR, JUDGED, MEASURED -> score == 0.0;
        };
        if (!consistent) {
            throw new IllegalArgumentException("score " + score + " does not fit verdict " + verdict);
        }
        detail = abbreviate(detail);
    }

    /** @param reason what was missing, e.g. "no number in the completion" */
    static Outcome noAnswer(String reason) {
        return new Outcome(Verdict.NO_ANSWER, null, 0.0, reason);
    }

    /** CORRECT at a score of 1, INCORRECT with its partial credit below that. */
    static Outcome scored(String extracted, double score) {
        return scored(extracted, score, null);
    }

    static Outcome scored(String extracted, double score, String detail) {
        return new Outcome(score == 1.0 ? Verdict.CORRECT : Verdict.INCORRECT, extracted, score, detail);
    }

    /** The text cut to {@link #MAX_DETAIL} characters with an ellipsis; null and blank stay absent. */
    public static String abbreviate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Texts.abbreviate(text.strip(), MAX_DETAIL);
    }
}
