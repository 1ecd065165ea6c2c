package io.evalstream.contracts;

/**
 * A provider's higher price for long prompts (as Gemini prices prompts over 200k tokens): a call whose prompt has
 * more than {@code abovePromptTokens} tokens is billed wholly, input and output, at {@code rate}.
 */
public record PriceTier(long abovePromptTokens, Rate rate) {

    public PriceTier {
        Require.atLeast(abovePromptTokens, 1, "price tier abovePromptTokens");
        Require.present(rate, "price tier rate");
    }
}
