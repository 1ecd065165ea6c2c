package io.evalstream.worker.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ContinuationScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.worker.Tasks;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Log-probabilities from the real tiny models, checked against llama.cpp's own greedy generation and the chain rule. */
@Tag("integration")
@Timeout(300)
class GgufLikelihoodTest {

    private static final Map<String, GgufBackend> BACKENDS = new HashMap<>();

    @AfterAll
    static void stopThreads() {
        BACKENDS.values().forEach(GgufBackend::close);
    }

    /** The choice llama.cpp's greedy generation writes is the most likely one, and every one of its tokens is greedy. */
    @ParameterizedTest
    @ValueSource(strings = {"stories260K", "tinystories-656k", "babyllama-tok105"})
    void theGreedyContinuationIsTheArgmaxChoice(String model) {
        String greedy = call(model, Tasks.story("run-ll", model, "s01", "Once upon a time", 12)).text();
        String other = model.startsWith("babyllama") ? ", the big cat sat" : ", the big cat sat on a mat and";

        ModelReply reply = call(model, choice(model, "Once upon a time", List.of(other, greedy)));

        assertThat(reply.text()).isEqualTo(greedy);
        assertThat(reply.scores().get(1).greedy()).isTrue();
        assertThat(reply.scores().get(0).greedy()).isFalse();
        assertThat(reply.scores().get(1).logprob()).isGreaterThan(reply.scores().get(0).logprob());
    }

    /**
     * log P(a b | c) = log P(a | c) + log P(b | c a), to 1e-4 nats, where the texts split at a token boundary so both
     * ways tokenize alike (tinystories-656k's tokens span spaces and full stops, so none of its splits here is clean).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            stories260K      | Once upon a time | ', there was a little' | ' girl named Lily.'
            stories260K      | The little dog | ' ran to the' | ' park.'
            babyllama-tok105 | The little dog | ' ran to the' | ' park.'
            """)
    void logProbabilitiesFollowTheChainRule(String model, String context, String first, String second) {
        double whole = call(model, choice(model, context, List.of(first + second, " x"))).scores().getFirst()
                .logprob();
        double a = call(model, choice(model, context, List.of(first, " x"))).scores().getFirst().logprob();
        double b = call(model, choice(model, context + first, List.of(second, " x"))).scores().getFirst()
                .logprob();

        assertThat(whole).isNegative().isCloseTo(a + b, within(1e-4));
    }

    /** "Hugo" starts with SentencePiece's dummy space as a token of its own in these vocabularies. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            stories260K      | Mia went to the park with a happy duck. The duck found a red ball and Mia laughed. | 15
            tinystories-656k | Hugo went to the lake with a little bird. The bird sniffed around and ran ahead.   | 10
            TinyStories-656K-Q8_0 | Hugo went to the lake with a little bird. The bird sniffed around and ran ahead. | 10
            babyllama-tok105 | Hugo went to the lake with a little bird.                                          | 40
            """)
    void aStoryIsScoredAsAWholeTextInPlausibleBitsPerByte(String model, String story, int minTokens) {
        ModelReply reply = call(model, perplexity(model, story));

        ContinuationScore score = reply.scores().getFirst();
        double bitsPerByte = -score.logprob() / Math.log(2) / story.getBytes(StandardCharsets.UTF_8).length;
        assertThat(score.tokens()).isBetween(minTokens, story.length() + 2);
        assertThat(bitsPerByte).isBetween(0.3, 4.0);
    }

    /**
     * The log-probability of a continuation through the backend equals a brute-force forward pass over the file's
     * weights in plain Java ({@link ReferenceLlama}), token ids from llama.cpp's own tokenizer: to 1e-4 nats on
     * stories260K and tinystories-656k. The character-level babyllama-tok105 differs by up to 4e-3 nats at tokens
     * after a space and ~1e-4 elsewhere (3.5e-3 over this sentence), for a reason not found yet; its bound is wider.
     * The Q8_0 copy of tinystories-656k is dequantised for the forward pass here, while llama.cpp also rounds the
     * activations to 8 bits before each product: 0.15 nats over the 11 tokens (a wrong block layout is whole nats off).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            stories260K      | Once upon a time    | ', there was a little girl named Lily.'    | 1e-4
            stories260K      | The little dog      | ' ran to the park and saw a big tree.'     | 1e-4
            tinystories-656k | One day, a big bear | ' went to the forest to find some honey.'  | 1e-4
            TinyStories-656K-Q8_0 | One day, a big bear | ' went to the forest to find some honey.' | 0.25
            babyllama-tok105 | Lily had a red ball | ' and she liked to play with it.'          | 1e-2
            """)
    void theBackendsLogProbabilityEqualsABruteForceForwardPass(String model, String context, String continuation,
            double tolerance) throws Exception {
        double served = call(model, choice(model, context, List.of(continuation, " x"))).scores().getFirst()
                .logprob();

        LlamaModels.LoadedModel loaded = LlamaModels.load(GgufModelsDir.spec(model));
        int[] whole = loaded.model().encode(context + continuation);
        int start = loaded.model().encode(context).length;
        ReferenceLlama reference = new ReferenceLlama(GgufModelsDir.file(model));
        double direct = 0;
        for (int j = start; j < whole.length; j++) {
            int[] before = new int[j + 1];
            before[0] = 1;
            System.arraycopy(whole, 0, before, 1, j);
            direct += reference.nextLogProbabilities(before)[whole[j]];
        }

        assertThat(served).isNegative().isCloseTo(direct, within(tolerance));
    }

    @Test
    void anUnknownCharacterIsBadInput() {
        assertThat(failure("babyllama-tok105", choice("babyllama-tok105", "Once\nupon", List.of(" a", " b"))))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT));
    }

    private static PromptTask choice(String model, String prompt, List<String> choices) {
        Settings settings = Settings.defaults();
        return PromptTask.multipleChoice(new TaskId("run-ll", model, "endings", "e1", "default", 0), prompt,
                AnswerKey.of(Extraction.LIKELIHOOD, Metric.LIKELIHOOD_ACC, "0", List.of(), null),
                TaskSetup.of(Category.COMPREHENSION, settings, "0123456789abcdef"), choices);
    }

    private static PromptTask perplexity(String model, String text) {
        Settings settings = Settings.defaults();
        return PromptTask.of(new TaskId("run-ll", model, "texts", "t1", "default", 0), Purpose.EVAL, text,
                AnswerKey.of(Extraction.LIKELIHOOD, Metric.BITS_PER_BYTE, "t1", List.of(), null),
                TaskSetup.of(Category.WRITING, settings, "0123456789abcdef"));
    }

    private static ModelReply call(String model, PromptTask task) {
        try {
            return backend(model).complete(task).toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("call did not complete: " + e, e);
        }
    }

    private static ModelCallException failure(String model, PromptTask task) {
        CompletableFuture<ModelReply> reply = backend(model).complete(task).toCompletableFuture();
        try {
            reply.get(120, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got a reply");
        } catch (ExecutionException e) {
            return (ModelCallException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static synchronized GgufBackend backend(String model) {
        return BACKENDS.computeIfAbsent(model, m -> GgufBackend.load(m, GgufModelsDir.spec(m)));
    }
}
