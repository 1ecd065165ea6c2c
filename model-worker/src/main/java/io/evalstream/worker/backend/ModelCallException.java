package io.evalstream.worker.backend;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.ModelError;
import java.time.Duration;
import java.util.Objects;

/**
 * A model call that ended without text, already classified. It travels as the failure of a backend's
 * stage and ends up as the {@link ModelError} of a failed completion, so its message must be fit to
 * publish: it names the endpoint and what went wrong, never an API key. No stack trace is captured:
 * these are expected outcomes, counted by the thousand under load.
 */
public final class ModelCallException extends RuntimeException {

    private final ErrorKind kind;
    private final Duration retryAfter;

    public ModelCallException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public ModelCallException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    /** @param retryAfter how long the server asked us to wait before calling again; null when it did not say */
    public ModelCallException(ErrorKind kind, String message, Throwable cause, Duration retryAfter) {
        super(message, cause, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The server's {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public ModelError toError() {
        return new ModelError(kind, getMessage());
    }
}
