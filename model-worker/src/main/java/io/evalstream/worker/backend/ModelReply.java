package io.evalstream.worker.backend;

import io.evalstream.contracts.TokenUsage;
import java.util.Objects;

/** The text a model produced for one task, with the tokens it consumed. */
public record ModelReply(String text, TokenUsage usage) {

    /** Characters per token of English text under common BPE tokenizers; good enough for dashboards. */
    private static final int CHARS_PER_TOKEN = 4;

    public ModelReply {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(usage, "usage");
    }

    /** A reply whose token usage is estimated from the lengths of prompt and text, for backends that report none. */
    public static ModelReply withEstimatedUsage(String prompt, String text) {
        return new ModelReply(text, new TokenUsage(estimateTokens(prompt), estimateTokens(text)));
    }

    static long estimateTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
