package io.evalstream.contracts;

/** Tokens in and out of one model call, as the backend reported or estimated them. */
public record TokenUsage(long promptTokens, long completionTokens) {

    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public TokenUsage {
        Require.atLeast(promptTokens, 0, "usage.promptTokens");
        Require.atLeast(completionTokens, 0, "usage.completionTokens");
    }
}
