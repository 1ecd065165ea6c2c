package io.evalstream.contracts;

/**
 * How a model call was served, which decides the price that applies: synchronously, or through a provider's batch
 * API at its (usually half) batch price.
 */
public enum Lane {
    STANDARD,
    BATCH;

    /** The backend kind a completion of the batch lane carries. */
    public static final String BATCH_BACKEND = "openai-batch";

    /** The lane a completion served by {@code backend} went through. */
    public static Lane of(String backend) {
        return BATCH_BACKEND.equals(backend) ? BATCH : STANDARD;
    }
}
