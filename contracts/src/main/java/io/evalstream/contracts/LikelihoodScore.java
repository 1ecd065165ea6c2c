package io.evalstream.contracts;

/**
 * What a grade by likelihood records beside its verdict, for the corpus figures.
 *
 * @param normCorrect for multiple choice, whether the reference has the highest log-probability per byte
 *                    ({@code acc_norm}); null for a perplexity grade
 * @param nats        log-probability of the scored text (perplexity) or of the reference choice (multiple choice)
 * @param bytes       UTF-8 bytes of that text
 * @param tokens      its tokens under the model's tokenizer
 */
public record LikelihoodScore(Boolean normCorrect, double nats, long bytes, long tokens) {

    public LikelihoodScore {
        if (!(nats <= 0.0) || Double.isInfinite(nats)) {
            throw new InvalidRecordException("field 'likelihood.nats' must be finite and <= 0, got " + nats);
        }
        Require.atLeast(bytes, 1, "likelihood.bytes");
        Require.atLeast(tokens, 1, "likelihood.tokens");
    }

    /** Bits per byte of the text: {@code -nats / ln 2 / bytes}. */
    public double bitsPerByte() {
        return -nats / Math.log(2) / bytes;
    }
}
