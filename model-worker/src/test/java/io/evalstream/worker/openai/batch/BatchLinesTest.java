package io.evalstream.worker.openai.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.ModelError;
import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.Tasks;
import io.evalstream.worker.openai.OpenAiApi;
import io.evalstream.worker.openai.OpenAiEndpoint;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class BatchLinesTest {

    private static final PromptTask TASK = Tasks.numeric("r1", "m", "q1", "72");
    private static final String ID = TASK.taskId().toString();
    private static final Map<String, PromptTask> TASKS = Map.of(ID, TASK);

    @Test
    void writesARequestLineUnderTheTaskIdWithTheUnstreamedChatBody() throws Exception {
        OpenAiEndpoint endpoint = new BatchModel("m", new OpenAiEndpoint(URI.create("http://127.0.0.1:1/v1"),
                "gpt-4o-mini", null, Duration.ofSeconds(5)), settings(1)).endpoint();

        byte[] line = BatchLines.request(endpoint, TASK);

        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        JsonNode json = Json.mapper().readTree(new String(line, StandardCharsets.UTF_8));
        assertThat(json.path("custom_id").asText()).isEqualTo(ID);
        assertThat(json.path("url").asText()).isEqualTo("/v1/chat/completions");
        assertThat(json.path("body").path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(json.path("body").path("messages").path(0).path("content").asText()).isEqualTo(TASK.prompt());
        assertThat(json.path("body").has("stream")).as("a batch request is never streamed").isFalse();
    }

    /** output or error line (CUSTOM_ID for the task's id) | text | error kind | what the message says. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"custom_id":"CUSTOM_ID","response":{"status_code":200,"body":{"choices":[{"message":{"content":"The answer is 72."}}],"usage":{"prompt_tokens":9,"completion_tokens":5}}},"error":null} | The answer is 72. | |
            {"custom_id":"CUSTOM_ID","response":null,"error":{"code":"batch_expired","message":"not run in time"}} | | TIMEOUT | batch b1 expired before this request ran (batch_expired: not run in time)
            {"custom_id":"CUSTOM_ID","response":{"status_code":429,"body":{"error":{"message":"slow down"}}},"error":null} | | RATE_LIMITED | batch b1: the request returned HTTP 429: slow down
            {"custom_id":"CUSTOM_ID","response":{"status_code":500,"body":{"error":{"message":"boom"}}},"error":null} | | SERVER_ERROR | returned HTTP 500: boom
            {"custom_id":"CUSTOM_ID","response":{"status_code":200,"body":{"choices":[]}},"error":null} | | MALFORMED_RESPONSE | batch b1: response has no choices[0].message.content string
            {"custom_id":"CUSTOM_ID","response":null,"error":{"code":"server_error","message":"oops"}} | | SERVER_ERROR | did not run this request (server_error: oops)
            """)
    void readsWhatALineSaysOfItsRequest(String line, String text, ErrorKind kind, String says) {
        BatchLines.Outcome outcome = BatchLines.outcome(line.replace("CUSTOM_ID", ID), TASKS, OpenAiApi.CHAT, "b1");

        assertThat(outcome.customId()).isEqualTo(ID);
        if (text != null) {
            assertThat(outcome.reply().text()).isEqualTo(text);
            assertThat(outcome.reply().usage().promptTokens()).isEqualTo(9);
            assertThat(outcome.error()).isNull();
        } else {
            assertThat(outcome.error().kind()).isEqualTo(kind);
            assertThat(outcome.error().message()).contains(says);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            not json
            {"custom_id":"someone-else","response":{"status_code":200,"body":{}}}
            {"response":{"status_code":200,"body":{}}}
            """)
    void skipsALineThatNamesNoTaskOfTheBatch(String line) {
        assertThat(BatchLines.outcome(line, TASKS, OpenAiApi.CHAT, "b1")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            failed    | invalid_request: line 3 | CLIENT_ERROR       | batch b1 failed: invalid_request: line 3
            expired   |                         | TIMEOUT            | batch b1 expired before this request ran
            cancelled |                         | SERVER_ERROR       | batch b1 was cancelled before this request ran
            completed |                         | MALFORMED_RESPONSE | batch b1 ended completed without a result line
            """)
    void endsATaskWithoutALineByHowItsBatchEnded(String status, String problem, ErrorKind kind, String says) {
        ModelError error = BatchLines.missing(new BatchStatus("b1", status, "f1", null, null, problem));

        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.message()).startsWith(says);
    }

    @Test
    void splitsABatchRecordIntoPartsUnderTheirByteBudgetKeepingEveryTaskInOrder() {
        List<PromptTask> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tasks.add(Tasks.numeric("r1", "m", "q" + i, "72"));
        }
        int size = io.evalstream.contracts.WireFormat.of(PromptTask.class).encode(tasks.get(0)).length;

        List<BatchRecord> parts = BatchRecord.parts("b1", "m", "f1", 3, Instant.EPOCH, tasks, size * 10 + size / 2);

        assertThat(parts).hasSize(5).allSatisfy(part -> assertThat(part.parts()).isEqualTo(5));
        assertThat(parts.stream().map(BatchRecord::key)).containsExactly("f1#0", "f1#1", "f1#2", "f1#3", "f1#4");
        assertThat(BatchLedger.Batch.of(parts.reversed()).tasks()).containsExactlyElementsOf(tasks);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0     | 1000      | 24h | batching.max-requests must be between 1 and 50000
            50001 | 1000      | 24h | batching.max-requests must be between 1 and 50000
            10    | 300000000 | 24h | batching.max-bytes must be between 1 and 200000000
            10    | 1000      | 1d  | batching.completion-window must be hours such as 24h, got '1d'
            10    | 1000      | 0h  | batching.completion-window must be hours such as 24h
            """)
    void refusesSettingsPastTheBatchApisLimitsNamingTheKey(int requests, long bytes, String window, String says) {
        assertThatThrownBy(() -> new BatchSettings(requests, bytes, Duration.ofSeconds(1), Duration.ofSeconds(1),
                window)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(says);
    }

    private static BatchSettings settings(int requests) {
        return new BatchSettings(requests, 1000, Duration.ofSeconds(1), Duration.ofSeconds(1), "24h");
    }
}
