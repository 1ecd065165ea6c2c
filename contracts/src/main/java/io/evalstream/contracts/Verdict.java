package io.evalstream.contracts;

/**
 * Outcome of grading one sample. {@code NO_ANSWER} (nothing extractable) is distinct from
 * {@code INCORRECT}; {@code ERROR} means the model call itself failed and counts against the run.
 */
public enum Verdict {
    CORRECT,
    INCORRECT,
    NO_ANSWER,
    ERROR
}
