package io.evalstream.worker.backend;

import io.evalstream.contracts.ContinuationScore;
import io.evalstream.contracts.Projection;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TokenUsage;
import java.util.List;
import java.util.Objects;

/**
 * The text a model produced for one task, with the tokens it consumed.
 *
 * @param firstTokenMillis time from the call to its first generated token; null when the backend cannot tell
 * @param scores    for a task scored by likelihood, the log-probability of each choice or of the whole text; null
 *                  for a generation
 */
public record ModelReply(String text, TokenUsage usage, Long firstTokenMillis, List<ContinuationScore> scores) {

    public ModelReply {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(usage, "usage");
        if (firstTokenMillis != null && firstTokenMillis < 0) {
            throw new IllegalArgumentException("firstTokenMillis must not be negative, got " + firstTokenMillis);
        }
    }

    /** A generated reply. */
    public ModelReply(String text, TokenUsage usage, Long firstTokenMillis) {
        this(text, usage, firstTokenMillis, null);
    }

    /** A reply whose time to first token is not known. */
    public ModelReply(String text, TokenUsage usage) {
        this(text, usage, null);
    }

    /** A reply whose token usage is estimated from the lengths of prompt and text, for backends that report none. */
    public static ModelReply withEstimatedUsage(String prompt, String text) {
        return new ModelReply(text, new TokenUsage(estimateTokens(prompt), estimateTokens(text)));
    }

    /**
     * The reply to a task scored by likelihood: the text is the most likely choice (multiple choice) or empty
     * (perplexity), so the samples export shows what the model preferred.
     */
    public static ModelReply scored(PromptTask task, List<ContinuationScore> scores, long promptTokens) {
        String text = "";
        if (!task.choicesOrEmpty().isEmpty()) {
            int best = 0;
            for (int i = 1; i < scores.size(); i++) {
                best = scores.get(i).logprob() > scores.get(best).logprob() ? i : best;
            }
            text = task.choicesOrEmpty().get(best);
        }
        return new ModelReply(text, new TokenUsage(promptTokens, 0), null, List.copyOf(scores));
    }

    /** The producer's estimate too ({@link Projection#CHARS_PER_TOKEN}), so projections and usage agree. */
    public static long estimateTokens(String text) {
        return Projection.tokens(text);
    }
}
