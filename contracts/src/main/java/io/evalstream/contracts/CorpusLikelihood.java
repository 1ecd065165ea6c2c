package io.evalstream.contracts;

/**
 * A benchmark's figures by likelihood for one model, over the latest grade of every task.
 *
 * @param accNorm         multiple choice: share of items whose reference has the highest log-probability per byte
 *                        (lm-evaluation-harness's acc_norm; errors count as wrong, as for accuracy); null otherwise
 * @param bitsPerByte     perplexity: {@code -sum(nats) / ln 2 / sum(bytes)} over the corpus (not a mean of ratios), so
 *                        long texts weigh by their length and tokenizers compare; null when nothing was measured
 * @param tokenPerplexity perplexity: {@code exp(-sum(nats) / sum(tokens))}, per token of this model's tokenizer
 * @param measured        texts measured
 * @param nats            summed log-probability of the measured texts (at most 0)
 * @param bytes           their summed UTF-8 bytes
 * @param tokens          their summed tokens
 */
public record CorpusLikelihood(Double accNorm, Double bitsPerByte, Double tokenPerplexity, long measured, double nats,
        long bytes, long tokens) {
}
