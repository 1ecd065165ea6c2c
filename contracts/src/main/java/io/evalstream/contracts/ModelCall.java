package io.evalstream.contracts;

import java.time.Instant;

/**
 * How the model call behind a completion went. {@link Completion} checks it.
 *
 * @param backend          the backend kind that served it ({@code sim}, {@code openai}, ...)
 * @param simulated        true when the text was made up by the simulator, not by a model
 * @param latencyMillis    wall time of the successful (or last) attempt
 * @param attempts         model calls made, retries included
 * @param usage            tokens in and out; null reads as {@link TokenUsage#NONE}
 * @param firstTokenMillis time from sending the successful attempt to its first generated token (streaming
 *                         backends); null when the backend cannot tell
 */
public record ModelCall(String backend, boolean simulated, long latencyMillis, int attempts, TokenUsage usage,
        Instant completedAt, Long firstTokenMillis) {

    /** A call whose time to first token is not known. */
    public static ModelCall of(String backend, boolean simulated, long latencyMillis, int attempts, TokenUsage usage,
            Instant completedAt) {
        return new ModelCall(backend, simulated, latencyMillis, attempts, usage, completedAt, null);
    }

    /** A call that ended just now, whose time to first token is not known. */
    public static ModelCall now(String backend, boolean simulated, long latencyMillis, int attempts, TokenUsage usage) {
        return of(backend, simulated, latencyMillis, attempts, usage, Instant.now());
    }

    /** This call with the time to its first token; null when the backend cannot tell. */
    public ModelCall withFirstTokenMillis(Long millis) {
        return new ModelCall(backend, simulated, latencyMillis, attempts, usage, completedAt, millis);
    }
}
