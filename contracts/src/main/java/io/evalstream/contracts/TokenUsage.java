package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Tokens in and out of one model call, as the backend reported or estimated them.
 *
 * @param cachedPromptTokens prompt tokens the provider served from its prompt cache (part of {@code promptTokens},
 *                           billed at the cached price); null when none or not reported, and then left out of the JSON
 */
public record TokenUsage(long promptTokens, long completionTokens,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long cachedPromptTokens) {

    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public TokenUsage {
        Require.atLeast(promptTokens, 0, "usage.promptTokens");
        Require.atLeast(completionTokens, 0, "usage.completionTokens");
        if (cachedPromptTokens != null) {
            Require.between(cachedPromptTokens, 0, promptTokens, "usage.cachedPromptTokens");
        }
        cachedPromptTokens = cachedPromptTokens == null || cachedPromptTokens == 0 ? null : cachedPromptTokens;
    }

    public TokenUsage(long promptTokens, long completionTokens) {
        this(promptTokens, completionTokens, null);
    }

    /** Cached prompt tokens, 0 when none. */
    public long cached() {
        return cachedPromptTokens == null ? 0 : cachedPromptTokens;
    }
}
