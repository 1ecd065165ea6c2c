package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Log-probabilities through the completions API (echo, logprobs, max_tokens 0) against the local stub. */
@Timeout(60)
class OpenAiLikelihoodTest {

    @RegisterExtension
    static final StubServer server = new StubServer();

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
        ModelCallException refused = server.failure(endpoint(OpenAiApi.CHAT), perplexity("Mia went to the park."));
        assertThat(refused.kind()).isEqualTo(ErrorKind.UNSUPPORTED_TASK);
    }

    private static ModelReply call(OpenAiApi api, PromptTask task) {
        return server.call(endpoint(api), task);
    }

    private static OpenAiEndpoint endpoint(OpenAiApi api) {
        return new OpenAiEndpoint(server.baseUri(), "stub-upstream", null, Duration.ofSeconds(5), api, true, 2_000);
    }

    private static PromptTask choice(String context, List<String> choices) {
        return PromptTask.multipleChoice(TaskId.parse("r/stub/endings/e" + System.nanoTime() + "/default/0"), context,
                AnswerKey.of(Extraction.LIKELIHOOD, Metric.LIKELIHOOD_ACC, "0", List.of(), null),
                TaskSetup.of(Category.COMPREHENSION, Settings.defaults(), "0123456789abcdef"), choices);
    }

    private static PromptTask perplexity(String text) {
        return PromptTask.of(TaskId.parse("r/stub/texts/t" + System.nanoTime() + "/default/0"), Purpose.EVAL, text,
                AnswerKey.of(Extraction.LIKELIHOOD, Metric.BITS_PER_BYTE, "t", List.of(), null),
                TaskSetup.of(Category.WRITING, Settings.defaults(), "0123456789abcdef"));
    }
}
