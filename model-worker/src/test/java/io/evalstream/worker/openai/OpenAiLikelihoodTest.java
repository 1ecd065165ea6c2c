package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.SchemaVersion;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskId;
import io.evalstream.stub.OpenAiStub;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Log-probabilities through the completions API (echo, logprobs, max_tokens 0) against the local stub. */
@Timeout(60)
class OpenAiLikelihoodTest {

    private static OpenAiStub stub;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        stub = OpenAiStub.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        stub.close();
        vertx.close();
    }

    @Test
    void eachChoiceIsScoredPastTheContextAndTheScoresFollowTheChainRule() {
        String context = "Tom lost his red kite in the tall tree.";
        ModelReply whole = call(OpenAiApi.COMPLETIONS, choice(context, List.of(" Dad got it down.", " Fish swim.")));
        ModelReply first = call(OpenAiApi.COMPLETIONS, choice(context, List.of(" Dad got", " Fish swim.")));
        ModelReply second = call(OpenAiApi.COMPLETIONS, choice(context + " Dad got", List.of(" it down.", " x")));

        assertThat(whole.scores()).hasSize(2);
        assertThat(whole.scores().getFirst().tokens()).isEqualTo(4);
        assertThat(whole.scores().getFirst().greedy()).isTrue();
        assertThat(whole.scores().getFirst().logprob()).isNegative().isCloseTo(
                first.scores().getFirst().logprob() + second.scores().getFirst().logprob(), within(1e-9));
        assertThat(whole.text()).isIn(" Dad got it down.", " Fish swim.");
    }

    @Test
    void aWholeTextIsScoredFromItsSecondTokenAndTheChatApiCannotScore() {
        ModelReply text = call(OpenAiApi.COMPLETIONS, perplexity("Mia went to the park with a happy duck."));

        assertThat(text.scores().getFirst().tokens()).isEqualTo(8);
        assertThat(text.text()).isEmpty();
        Throwable thrown = catchThrowable(() -> call(OpenAiApi.CHAT, perplexity("Mia went to the park.")));
        assertThat(thrown).isInstanceOf(CompletionException.class).cause().isInstanceOf(ModelCallException.class);
        assertThat(((ModelCallException) thrown.getCause()).kind()).isEqualTo(ErrorKind.UNSUPPORTED_TASK);
    }

    private static ModelReply call(OpenAiApi api, PromptTask task) {
        OpenAiBackend backend = OpenAiBackend.create(new OpenAiEndpoint(URI.create(stub.baseUrl()), "stub-upstream",
                null, Duration.ofSeconds(5), api, true, 2_000), vertx);
        try {
            return backend.complete(task).toCompletableFuture().join();
        } finally {
            backend.close();
        }
    }

    private static PromptTask choice(String context, List<String> choices) {
        return new PromptTask(SchemaVersion.CURRENT, TaskId.parse("r/stub/endings/e" + System.nanoTime()
                + "/default/0"), Purpose.EVAL, context, Extraction.LIKELIHOOD, Metric.LIKELIHOOD_ACC, "0", List.of(),
                null, Category.COMPREHENSION, null, Settings.defaults(), "0123456789abcdef", null, null, choices);
    }

    private static PromptTask perplexity(String text) {
        return new PromptTask(SchemaVersion.CURRENT, TaskId.parse("r/stub/texts/t" + System.nanoTime()
                + "/default/0"), Purpose.EVAL, text, Extraction.LIKELIHOOD, Metric.BITS_PER_BYTE, "t", List.of(), null,
                Category.WRITING, null, Settings.defaults(), "0123456789abcdef", null, null, null);
    }
}
