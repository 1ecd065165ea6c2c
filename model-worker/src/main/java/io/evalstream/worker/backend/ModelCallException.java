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
    private final boolean terminal;

    public ModelCallException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public ModelCallException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    /** @param retryAfter how long the server asked us to wait before calling again; null when it did not say */
    public ModelCallException(ErrorKind kind, String message, Throwable cause, Duration retryAfter) {
        this(kind, message, cause, retryAfter, false);
    }

    private ModelCallException(ErrorKind kind, String message, Throwable cause, Duration retryAfter,
            boolean terminal) {
        super(message, cause, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
        this.terminal = terminal;
    }

    /**
     * A failure that ends the task whatever its kind would allow: calling again would only repeat it, or
     * worse, as with a reply over its size cap (another call would read the same flood).
     */
    public static ModelCallException terminal(ErrorKind kind, String message) {
        return new ModelCallException(kind, message, null, null, true);
    }

    /** The same failure with another message (e.g. naming the endpoint), still terminal if this one is. */
    public ModelCallException withMessage(String message, Duration retryAfter) {
        return new ModelCallException(kind, message, getCause(), retryAfter, terminal);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The server's {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether no further call may be made for this task, whatever {@link #kind()} allows. */
    public boolean terminal() {
        return terminal;
    }

    public ModelError toError() {
        return new ModelError(kind, getMessage());
    }
}
