package io.evalstream.worker.sim;

import io.evalstream.contracts.ContinuationScore;
import io.evalstream.contracts.ErrorKind;
import java.time.Duration;
import java.util.List;

/**
 * What a simulated model does with one task: the text it answers (or the error message), how it is
 * meant to be graded, and how long it takes.
 *
 * @param errorKind what failed, exactly when the outcome is ERROR
 * @param scores    the pseudo log-probabilities of a task scored by likelihood; null for a generation
 */
public record SimulatedAnswer(Outcome outcome, String text, Duration latency, ErrorKind errorKind,
        List<ContinuationScore> scores) {

    /**
     * The verdict the text is built to get from a correct grader, or a terminal error. For an open-ended
     * text, CORRECT is a careful answer (a well-written story, a judgement that tracks the text) and WRONG
     * a careless one.
     */
    public enum Outcome {
        CORRECT,
        WRONG,
        NO_ANSWER,
        ERROR
    }

    public SimulatedAnswer {
        if ((outcome == Outcome.ERROR) != (errorKind != null)) {
            throw new IllegalArgumentException("an error kind goes with an ERROR outcome and only with it");
        }
    }

    /** An answer, or a SERVER_ERROR when the outcome is ERROR. */
    public SimulatedAnswer(Outcome outcome, String text, Duration latency) {
        this(outcome, text, latency, outcome == Outcome.ERROR ? ErrorKind.SERVER_ERROR : null);
    }

    /** A generated answer, or an error of {@code errorKind}. */
    public SimulatedAnswer(Outcome outcome, String text, Duration latency, ErrorKind errorKind) {
        this(outcome, text, latency, errorKind, null);
    }
}
