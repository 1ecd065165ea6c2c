package io.evalstream.worker.resilience;

import io.evalstream.contracts.ErrorKind;

/** What the guard around one model's calls reports, for its metrics. Called on I/O threads: must be cheap. */
public interface CallListener {

    /** Does nothing, for tests and tools. */
    CallListener NONE = new CallListener() {
    };

    /** A call to the model was sent. */
    default void callStarted() {
    }

    /** A call ended; {@code failure} is null when it succeeded. */
    default void callEnded(ErrorKind failure) {
    }

    /** Another try follows a failure of this kind ({@code breaker_open} when the breaker refused the try). */
    default void retrying(String reason) {
    }

    /** A call waited this long for the {@code requests} or {@code tokens} budget. */
    default void waitedForBudget(String budget, long nanos) {
    }

    default void breakerChanged(BreakerState state) {
    }
}
