package io.evalstream.worker.gguf;

import io.evalstream.contracts.ContinuationScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TaskKind;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Log-probabilities of continuations from a loaded GGUF model. Tokenization follows lm-evaluation-harness: the
 * context and the whole text (context + continuation) are encoded, and the continuation is the whole text's tokens
 * after the context's, so a token that spans the boundary (a space starting the continuation) is scored as the
 * model would see it in running text. A perplexity task's context is empty: every token is scored, the first after
 * BOS alone. Each token is scored from llama.cpp's final hidden state over the tokens before it (at most the context
 * less BOS: a rolling window for texts longer than the context), turned into logits by {@link GgufHead}.
 */
final class Likelihoods {

    private final String modelId;
    private final LlamaModels.LoadedModel loaded;
    private final GgufModelSpec spec;

    Likelihoods(String modelId, LlamaModels.LoadedModel loaded, GgufModelSpec spec) {
        this.modelId = modelId;
        this.loaded = loaded;
        this.spec = spec;
    }

    void run(PromptTask task, CompletableFuture<ModelReply> reply) {
        if (reply.isDone()) {
            return;
        }
        Generation.ONE_AT_A_TIME.lock();
        try {
            reply.complete(score(task));
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
        } finally {
            Generation.ONE_AT_A_TIME.unlock();
        }
    }

    ModelReply score(PromptTask task) {
        boolean perplexity = task.kind() == TaskKind.PERPLEXITY;
        String context = perplexity ? "" : task.prompt();
        List<String> continuations = perplexity ? List.of(task.prompt()) : task.choicesOrEmpty();
        LlamaModels.Scorer scorer = scorer();
        List<ContinuationScore> scores = new ArrayList<>(continuations.size());
        for (String continuation : continuations) {
            scores.add(score(scorer, context, continuation));
        }
        return ModelReply.scored(task, scores, context.isEmpty() ? 0 : encode(context).length);
    }

    /** The summed log-probability of {@code continuation}'s tokens after {@code context}. */
    ContinuationScore score(LlamaModels.Scorer scorer, String context, String continuation) {
        int[] whole = encode(context + continuation);
        int start = context.isEmpty() ? 0 : encode(context).length;
        if (start >= whole.length) {
            throw new ModelCallException(ErrorKind.BAD_INPUT, "model '" + modelId + "' has no token left for the"
                    + " continuation '" + continuation + "' after its context");
        }
        int window = loaded.context() - 1;
        double logprob = 0;
        int scored = 0;
        boolean greedy = true;
        for (int j = start; j < whole.length; j++) {
            int[] before = Arrays.copyOfRange(whole, Math.max(0, j - window), j);
            if (j == 1 && loneDummySpace(before)) {
                continue;
            }
            scored++;
            double[] logprobs = GgufHead.logSoftmax(scorer.head().logits(scorer.embedder().embed(text(before))));
            logprob += logprobs[whole[j]];
            greedy &= argmax(logprobs) == whole[j];
        }
        return new ContinuationScore(Math.min(0.0, logprob), scored, greedy);
    }

    /**
     * The text whose encoding is exactly {@code tokens} (embed() encodes text, not ids). Decoding puts back the
     * space SentencePiece's first word carries, which encoding would add again; without it the text round-trips.
     */
    private String text(int[] tokens) {
        if (tokens.length == 0) {
            return "";
        }
        String decoded = loaded.model().decode(tokens);
        if (decoded.startsWith(" ") && Arrays.equals(encode(decoded.substring(1)), tokens)) {
            return decoded.substring(1);
        }
        if (Arrays.equals(encode(decoded), tokens)) {
            return decoded;
        }
        throw new ModelCallException(ErrorKind.BAD_INPUT, "model '" + modelId + "' does not encode its own"
                + " decoding of tokens " + Arrays.toString(tokens) + " (\"" + decoded + "\") back to them, so"
                + " their log-probabilities cannot be scored exactly");
    }

    /**
     * Whether {@code tokens} is SentencePiece's dummy space alone, the first token of a text whose first word has no
     * token with a space before it ("Hugo" is "▁", "H", ...): no text encodes to it, so the token after it cannot be
     * scored after exactly it and is left out, as the completions API leaves out a text's first token.
     */
    private boolean loneDummySpace(int[] tokens) {
        if (tokens.length != 1) {
            return false;
        }
        String decoded = loaded.model().decode(tokens);
        return decoded.isBlank() && encode(decoded.strip()).length == 0;
    }

    /** Encodes text the caller checked against the vocabulary: encode() aborts the JVM on an unknown character. */
    private int[] encode(String text) {
        return loaded.model().encode(text);
    }

    private LlamaModels.Scorer scorer() {
        try {
            return LlamaModels.scorer(spec, loaded.context());
        } catch (IllegalArgumentException e) {
            throw new ModelCallException(ErrorKind.UNSUPPORTED_TASK, "model '" + modelId + "' cannot score"
                    + " log-probabilities: " + e.getMessage());
        } catch (IOException e) {
            throw new ModelCallException(ErrorKind.SERVER_ERROR, "model '" + modelId + "': cannot read its output"
                    + " head from " + spec.path() + ": " + e.getMessage());
        }
    }

    /** Fails as BAD_INPUT, before any native call, when a text holds a character the vocabulary lacks. */
    void checkVocabulary(PromptTask task) {
        List<String> texts = new ArrayList<>(task.choicesOrEmpty());
        texts.add(task.prompt());
        for (String text : texts) {
            List<String> unknown = loaded.file().unknownCharacters(text);
            if (!unknown.isEmpty()) {
                throw new ModelCallException(ErrorKind.BAD_INPUT, "model '" + modelId + "' cannot tokenize the"
                        + " task: characters outside the model's vocabulary: " + String.join(", ", unknown));
            }
        }
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }
}
