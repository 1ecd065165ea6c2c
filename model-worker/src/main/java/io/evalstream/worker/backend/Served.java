package io.evalstream.worker.backend;

import java.util.Objects;

/**
 * How serving one task ended, retries included: the reply, or the failure of the last try.
 *
 * @param reply         the model's reply; null when the task failed
 * @param failure       why the last try failed; null when there is a reply
 * @param attempts      calls made to the model (at least 1)
 * @param latencyMillis wall time of the successful (or last) call
 */
public record Served(ModelReply reply, Throwable failure, int attempts, long latencyMillis) {

    public Served {
        if ((reply == null) == (failure == null)) {
            throw new IllegalArgumentException("exactly one of reply and failure must be present");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        latencyMillis = Math.max(0, latencyMillis);
    }

    public static Served ok(ModelReply reply, int attempts, long latencyMillis) {
        return new Served(Objects.requireNonNull(reply, "reply"), null, attempts, latencyMillis);
    }

    public static Served failed(Throwable failure, int attempts, long latencyMillis) {
        return new Served(null, Objects.requireNonNull(failure, "failure"), attempts, latencyMillis);
    }
}
