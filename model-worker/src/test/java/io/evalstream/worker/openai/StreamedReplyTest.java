package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.Tasks;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StreamedReplyTest {

    private static final PromptTask TASK = Tasks.numeric("run-1", "m", "q1", "72");
    private static final long MS = 1_000_000L;

    @Test
    void joinsChatDeltasTakesTheFinalUsageAndTimesTheFirstToken() {
        StreamedReply reply = new StreamedReply(OpenAiApi.CHAT, 0);
        reply.accept("{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}", 5 * MS);
        reply.accept("{\"choices\":[{\"delta\":{\"content\":\"The answer \"}}]}", 40 * MS);
        reply.accept("{\"choices\":[{\"delta\":{\"content\":\"is 72.\"},\"finish_reason\":\"stop\"}]}", 50 * MS);
        reply.accept("{\"choices\":[],\"usage\":{\"prompt_tokens\":57,\"completion_tokens\":5}}", 51 * MS);

        assertThat(reply.accept("[DONE]", 52 * MS)).isTrue();
        ModelReply done = reply.reply(TASK);
        assertThat(done.text()).isEqualTo("The answer is 72.");
        assertThat(done.usage()).isEqualTo(new TokenUsage(57, 5));
        assertThat(done.firstTokenMillis()).isEqualTo(40L);
    }

    @Test
    void readsCompletionsTextAndEstimatesUsageWhenTheServerSendsNone() {
        StreamedReply reply = new StreamedReply(OpenAiApi.COMPLETIONS, 0);
        reply.accept("{\"choices\":[{\"text\":\"Once upon\"}]}", 3 * MS);
        reply.accept("{\"choices\":[{\"text\":\" a time\",\"finish_reason\":\"length\"}]}", 4 * MS);

        ModelReply done = reply.reply(TASK);
        assertThat(done.text()).isEqualTo("Once upon a time");
        assertThat(done.usage().completionTokens()).isEqualTo(4);
    }

    @Test
    void aStreamCutOffBeforeItsEndIsMalformed() {
        StreamedReply reply = new StreamedReply(OpenAiApi.CHAT, 0);
        reply.accept("{\"choices\":[{\"delta\":{\"content\":\"The ans\"}}]}", MS);

        assertThatThrownBy(() -> reply.reply(TASK)).isInstanceOf(ModelCallException.class)
                .hasMessageContaining("ended before [DONE]")
                .satisfies(e -> assertThat(((ModelCallException) e).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE));
    }

    @Test
    void anErrorEventMidStreamIsAServerError() {
        StreamedReply reply = new StreamedReply(OpenAiApi.CHAT, 0);

        assertThatThrownBy(() -> reply.accept("{\"error\":{\"message\":\"model overloaded\"}}", MS))
                .isInstanceOf(ModelCallException.class).hasMessageContaining("model overloaded");
    }
}
