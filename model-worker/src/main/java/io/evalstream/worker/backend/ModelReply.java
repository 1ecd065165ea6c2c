package io.evalstream.worker.backend;

import io.evalstream.contracts.TokenUsage;
import java.util.Objects;

/**
 * The text a model produced for one task, with the tokens it consumed.
 *
 * @param firstTokenMillis time from the call to its first generated token; null when the backend cannot tell
 */
public record ModelReply(String text, TokenUsage usage, Long firstTokenMillis) {

    /** Characters per token of English text under common BPE tokenizers; good enough for dashboards. */
    private static final int CHARS_PER_TOKEN = 4;

    public ModelReply {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(usage, "usage");
        if (firstTokenMillis != null && firstTokenMillis < 0) {
            throw new IllegalArgumentException("firstTokenMillis must not be negative, got " + firstTokenMillis);
        }
    }

    /** A reply whose time to first token is not known. */
    public ModelReply(String text, TokenUsage usage) {
        this(text, usage, null);
    }

    /** A reply whose token usage is estimated from the lengths of prompt and text, for backends that report none. */
    public static ModelReply withEstimatedUsage(String prompt, String text) {
        return new ModelReply(text, new TokenUsage(estimateTokens(prompt), estimateTokens(text)));
    }

    public static long estimateTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
