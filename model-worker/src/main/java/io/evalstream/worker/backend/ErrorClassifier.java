package io.evalstream.worker.backend;

import io.evalstream.contracts.Causes;
import io.evalstream.contracts.ErrorKind;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * The one place where a failed model call is given an {@link ErrorKind}: from an HTTP status, or from
 * an exception by walking its cause chain (async clients wrap the real failure in
 * {@code CompletionException}s). Later retry policies decide on the kind alone.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    /** The kind of a non-2xx HTTP answer. */
    public static ErrorKind ofStatus(int status) {
        if (status == 429) {
            return ErrorKind.RATE_LIMITED;
        }
        if (status == 408) {
            return ErrorKind.TIMEOUT;
        }
        if (status >= 500) {
            return ErrorKind.SERVER_ERROR;
        }
        return ErrorKind.CLIENT_ERROR;
    }

    /**
     * The kind of a failure: a {@link ModelCallException} keeps its own; a connect timeout is a
     * connection failure (nothing was sent); any other timeout is a timeout; any other I/O failure
     * (refused, reset, closed early) is a connection failure; anything else is a bug (INTERNAL).
     */
    public static ErrorKind of(Throwable failure) {
        return Causes.chain(failure).map(ErrorClassifier::kindOf).filter(java.util.Objects::nonNull).findFirst()
                .orElse(ErrorKind.INTERNAL);
    }

    /** What one link of the chain says about the failure; null when it says nothing. */
    private static ErrorKind kindOf(Throwable t) {
        return switch (t) {
            case ModelCallException call -> call.kind();
            case HttpConnectTimeoutException connect -> ErrorKind.CONNECTION;
            case HttpTimeoutException timeout -> ErrorKind.TIMEOUT;
            case TimeoutException timeout -> ErrorKind.TIMEOUT;
            case IOException io -> ErrorKind.CONNECTION;
            default -> null;
        };
    }

    /**
     * Whether another call may succeed where this one failed: rate limits, server errors, timeouts, broken
     * connections and garbled bodies (a proxy or a server restart mid-answer) pass; a request the server
     * rejects (4xx), bad input, an unknown model, a model no worker serves, an answer the grader cannot grade or a
     * bug fails the same way every time.
     */
    public static boolean retryable(ErrorKind kind) {
        return switch (kind) {
            case RATE_LIMITED, SERVER_ERROR, TIMEOUT, CONNECTION, MALFORMED_RESPONSE -> true;
            case CLIENT_ERROR, BAD_INPUT, UNKNOWN_MODEL, NO_WORKER_FOR_MODEL, UNGRADABLE, UNSUPPORTED_TASK, STOPPED_EARLY,
                    BUDGET_EXCEEDED,
                    INTERNAL -> false;
        };
    }

    /**
     * Whether this failed call may be retried: its kind allows it and it is not {@linkplain
     * ModelCallException#terminal() terminal} (a reply over its size cap is MALFORMED_RESPONSE, but calling again
     * would read the same flood).
     */
    public static boolean retryable(ModelCallException call) {
        return !call.terminal() && retryable(call.kind());
    }

    /**
     * Whether a failure says the endpoint is unhealthy, so it counts towards opening its circuit breaker. A
     * 429 does not (the server is healthy and said when to come back; the rate budget and Retry-After deal
     * with it), nor does a request the server rejected.
     */
    public static boolean unhealthy(ErrorKind kind) {
        return switch (kind) {
            case SERVER_ERROR, TIMEOUT, CONNECTION, MALFORMED_RESPONSE -> true;
            case RATE_LIMITED, CLIENT_ERROR, BAD_INPUT, UNKNOWN_MODEL, NO_WORKER_FOR_MODEL, UNGRADABLE,
                    UNSUPPORTED_TASK, STOPPED_EARLY, BUDGET_EXCEEDED, INTERNAL -> false;
        };
    }

    /** The first {@link ModelCallException} in the cause chain, if any. */
    public static ModelCallException findCall(Throwable failure) {
        return Causes.find(failure, ModelCallException.class).orElse(null);
    }
}
