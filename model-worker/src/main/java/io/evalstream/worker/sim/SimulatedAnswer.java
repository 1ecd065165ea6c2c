package io.evalstream.worker.sim;

import java.time.Duration;

/**
 * What a simulated model does with one task: the text it answers (or the error message), how it is
 * meant to be graded, and how long it takes.
 */
public record SimulatedAnswer(Outcome outcome, String text, Duration latency) {

    /** The verdict the text is built to get from a correct grader, or a terminal error. */
    public enum Outcome {
        CORRECT,
        WRONG,
        NO_ANSWER,
        ERROR
    }
}
