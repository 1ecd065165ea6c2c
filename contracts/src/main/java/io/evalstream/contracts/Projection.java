package io.evalstream.contracts;

import java.util.List;

/**
 * What a run spec will cost, per model, as the producer projects it from the rendered prompts and the price file.
 *
 * @param estimator how tokens were counted, in words: the producer has no model's tokenizer
 * @param priced    whether a price file was read; without one every cost is null
 */
public record Projection(List<ModelProjection> models, String estimator, boolean priced) {

    /** The estimator: ~4 characters per token, as common BPE tokenizers give for English text. */
    public static final String CHARS_PER_TOKEN = "4 characters per token (English text under common BPE tokenizers;"
            + " expect +-25% on other text and on code)";

    public Projection {
        models = List.copyOf(models);
    }

    /** Tokens in {@code text} under {@link #CHARS_PER_TOKEN}. */
    public static long tokens(String text) {
        return (text.length() + 3) / 4;
    }
}
