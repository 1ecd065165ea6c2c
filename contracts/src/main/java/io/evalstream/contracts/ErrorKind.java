package io.evalstream.contracts;

/**
 * Why a task ended without a grade on its merits: its model call failed, no worker serves its model, or the grader
 * could not grade it, or its comparison was stopped early. Bounded, so it can label a metric.
 */
public enum ErrorKind {
    TIMEOUT,
    RATE_LIMITED,
    SERVER_ERROR,
    CLIENT_ERROR,
    CONNECTION,
    MALFORMED_RESPONSE,
    BAD_INPUT,
    UNKNOWN_MODEL,
    INTERNAL,
    /** No worker serves the task's model (for a judged answer: its judge model), so it was never asked. */
    NO_WORKER_FOR_MODEL,
    /** The grader could not grade the answer (its code sandbox or automatic judge is unavailable): no fault of the model. */
    UNGRADABLE,
    /** The backend cannot do what the task asks (a log-probability from a backend that only generates). */
    UNSUPPORTED_TASK,

    /**
     * The run's stop rule decided its comparison on this benchmark before the task was sent to a model: no answer,
     * and no fault of the model. Counts as graded (so the run completes) but not in accuracy or mean score.
     */
    STOPPED_EARLY,

    /**
     * The run's budget for the task's model (or the run's total) would be passed by calling the model: no answer,
     * and no fault of the model. Counts as graded (so the run completes) but not in accuracy or mean score.
     */
    BUDGET_EXCEEDED;

    /**
     * Whether a task that ended this way says something about its model. A model's own failures (a timeout, a
     * malformed or refused reply, ...) count as wrong answers, as GPT-Fathom counts them. The others are failures of
     * the evaluation (no worker, no sandbox or judge, a backend that cannot score, a stop rule, a budget): a task that
     * ended so is counted in its run and reported by kind, but is left out of accuracy, mean score and pass@k, so a
     * benchmark nothing of which could be asked shows no score rather than 0%.
     */
    public boolean countsAgainstTheModel() {
        return switch (this) {
            case NO_WORKER_FOR_MODEL, UNGRADABLE, UNSUPPORTED_TASK, STOPPED_EARLY, BUDGET_EXCEEDED -> false;
            default -> true;
        };
    }

    /** Whether a task of this kind ended before any model was asked: it made no call, so it has no latency. */
    public boolean neverAsked() {
        return this == STOPPED_EARLY || this == BUDGET_EXCEEDED;
    }
}
