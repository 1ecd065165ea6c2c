package io.evalstream.contracts;

/**
 * Outcome of grading one sample. {@code NO_ANSWER} (nothing extractable) is distinct from
 * {@code INCORRECT}; {@code ERROR} means the model call (or its judge's) failed and counts against the run.
 */
public enum Verdict {
    CORRECT,
    INCORRECT,
    NO_ANSWER,
    ERROR,
    /** Scored by a judge on a rubric: neither right nor wrong, the score and {@link Judgement} say how good. */
    JUDGED,
    /** A text's log-probability was measured (perplexity): neither right nor wrong, its nats, bytes and tokens count. */
    MEASURED
}
