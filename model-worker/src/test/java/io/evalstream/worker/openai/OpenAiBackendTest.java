package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.stub.OpenAiStub;
import io.evalstream.worker.Tasks;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One call at a time (no retries: those are the guard's job), against the local OpenAI stub. */
@Timeout(60)
class OpenAiBackendTest {

    private static final String SECRET = "sk-test-0123456789abcdef";
    @RegisterExtension
    static final StubServer server = new StubServer();

    private static PromptTask task(String fault) {
        return Tasks.task(new TaskId("run-1", "stub-gpt", "gsm8k", "q" + System.nanoTime(), "cot", 0),
                Extraction.NUMERIC, Category.MATH, "Question: Natalia sold clips to 48 of her friends... [[stub:"
                        + fault + "]] " + System.nanoTime() + "\nAnswer:", "72",
                Settings.of(5, true, 0.7, 0.95, 512, 1234L, List.of("Question:", "\n\n")));
    }

    private static OpenAiEndpoint endpoint(OpenAiApi api, boolean stream, String key, Duration timeout) {
        return new OpenAiEndpoint(server.baseUri(), "stub-upstream", key, timeout, api, stream, 2_000);
    }

    @ParameterizedTest(name = "{0}, stream={1}")
    @CsvSource(textBlock = """
            CHAT,        true
            CHAT,        false
            COMPLETIONS, true
            COMPLETIONS, false
            """)
    void returnsTheTextAndTheServersUsageOnEitherApiStreamedOrNot(OpenAiApi api, boolean stream) {
        PromptTask task = task("latency=120");
        ModelReply reply = server.call(endpoint(api, stream, SECRET, Duration.ofSeconds(5)), task);

        assertThat(reply.text()).isEqualTo(OpenAiStub.ANSWER);
        assertThat(reply.usage()).isEqualTo(new TokenUsage((task.prompt().length() + 3) / 4, 12));
        if (stream) {
            assertThat(reply.firstTokenMillis()).isBetween(110L, 5_000L);
        } else {
            assertThat(reply.firstTokenMillis()).isNull();
        }
        assertThat(server.stub().log(task.prompt()).lastHeaders().get("content-type")).isEqualTo("application/json");
    }

    @Test
    void sendsThePromptWithTheTasksSettingsAndTheKey() throws IOException {
        PromptTask task = task("latency=0");
        server.call(endpoint(OpenAiApi.CHAT, true, SECRET, Duration.ofSeconds(5)), task);
        JsonNode body = Json.mapper().readTree(server.stub().log(task.prompt()).lastBody());

        assertThat(server.stub().log(task.prompt()).lastHeaders()).containsEntry("authorization", "Bearer " + SECRET);
        assertThat(body.path("model").asText()).isEqualTo("stub-upstream");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo(task.prompt());
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.95);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(body.path("seed").asLong()).isEqualTo(1234L);
        assertThat(body.path("stop").toString()).isEqualTo("[\"Question:\",\"\\n\\n\"]");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.has("n")).as("one sample per task: n is left at its default of 1").isFalse();
    }

    @Test
    void sendsNoAuthorizationWithoutAKeyAndThePromptAsTextToTheCompletionsApi() throws IOException {
        PromptTask task = task("latency=0");
        server.call(endpoint(OpenAiApi.COMPLETIONS, false, null, Duration.ofSeconds(5)), task);

        assertThat(server.stub().log(task.prompt()).lastHeaders()).doesNotContainKey("authorization");
        JsonNode body = Json.mapper().readTree(server.stub().log(task.prompt()).lastBody());
        assertThat(body.path("prompt").asText()).isEqualTo(task.prompt());
        assertThat(body.has("messages")).isFalse();
        assertThat(body.has("stream")).isFalse();
    }

    @ParameterizedTest(name = "{0} (stream={1}) is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            status=500                  | true  | SERVER_ERROR       | returned HTTP 500: {"error":{"message":"stub status 500"
            status=503,retry-after=2    | true  | SERVER_ERROR       | returned HTTP 503
            status=429,retry-after=7    | true  | RATE_LIMITED       | returned HTTP 429
            status=400                  | true  | CLIENT_ERROR       | returned HTTP 400
            reset                       | true  | CONNECTION         | failed: 
            reset                       | false | CONNECTION         | failed: 
            malformed                   | true  | MALFORMED_RESPONSE | a streamed event is not JSON
            malformed                   | false | MALFORMED_RESPONSE | response body is not JSON: {"choices":[{"message":{"content":
            truncate                    | true  | MALFORMED_RESPONSE | the stream ended before [DONE] or a finish reason
            truncate                    | false | MALFORMED_RESPONSE | response body is not JSON
            """)
    void failedCallsAreClassifiedAndSayWhatWentWrong(String fault, boolean stream, ErrorKind kind, String message) {
        OpenAiEndpoint endpoint = endpoint(OpenAiApi.CHAT, stream, SECRET, Duration.ofSeconds(5));
        ModelCallException failure = server.failure(endpoint, task(fault));

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.getMessage()).startsWith("POST " + server.stub().baseUrl() + "/chat/completions ")
                .contains(message);
    }

    @Test
    void readsRetryAfterOffA429() {
        ModelCallException failure = server.failure(endpoint(OpenAiApi.CHAT, true, SECRET, Duration.ofSeconds(5)),
                task("status=429,retry-after=7"));

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void timesOutAServerThatNeverAnswers() {
        long start = System.nanoTime();
        ModelCallException failure = server.failure(endpoint(OpenAiApi.CHAT, true, SECRET, Duration.ofMillis(300)),
                task("hang"));

        assertThat(failure.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.getMessage()).endsWith("failed: no complete response within PT0.3S");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(300L, 5_000L);
    }

    @Test
    void refusedConnectionIsAConnectionError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OpenAiEndpoint endpoint = new OpenAiEndpoint(URI.create("http://127.0.0.1:" + closedPort + "/v1"), "m",
                SECRET, Duration.ofSeconds(5));
        ModelCallException failure = server.failure(endpoint, task("latency=0"));

        assertThat(failure.kind()).isEqualTo(ErrorKind.CONNECTION);
        assertThat(failure.getMessage()).contains("Connect");
    }

    @Test
    void neverEchoesTheKeyEvenWhenTheServerDoes() {
        ModelCallException failure = server.failure(endpoint(OpenAiApi.CHAT, true, SECRET, Duration.ofSeconds(5)),
                task("echo-key"));

        assertThat(failure.kind()).isEqualTo(ErrorKind.CLIENT_ERROR);
        assertThat(failure.getMessage()).contains("Incorrect API key provided: Bearer ***").doesNotContain(SECRET);
        assertThat(endpoint(OpenAiApi.CHAT, true, SECRET, Duration.ofSeconds(1)).toString()).doesNotContain(SECRET);
    }

    @Test
    @Timeout(120)
    void keepsThousandsOfCallsInFlightAtOnce() {
        // Counted, not timed: the stub holds every call until 2,000 wait at once, which a backend with fewer
        // sockets (a pool of 16) or a thread per call cannot reach however long it is given.
        int calls = 2_000;
        String gate = "thousands-" + System.nanoTime();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        OpenAiBackend backend = OpenAiBackend.create(endpoint(OpenAiApi.CHAT, true, null, Duration.ofSeconds(120)),
                server.vertx());
        try {
            List<CompletableFuture<ModelReply>> replies = IntStream.range(0, calls)
                    .mapToObj(i -> backend.complete(task("hold=" + gate)).toCompletableFuture()).toList();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> server.stub().held(gate) >= calls);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("only " + server.stub().peakHeld(gate) + " of " + calls
                        + " calls were ever in flight at once", e);
            }
            int threadsHolding = ManagementFactory.getThreadMXBean().getThreadCount();
            assertThat(replies).noneMatch(CompletableFuture::isDone);
            server.stub().release(gate);

            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();
            assertThat(replies).allSatisfy(c -> assertThat(c.join().text()).isEqualTo(OpenAiStub.ANSWER));
            assertThat(server.stub().peakHeld(gate)).isEqualTo(calls);
            // Event loops, not threads, carry the calls: a few lazily started loop threads at most.
            assertThat(threadsHolding - threadsBefore).as("threads started while %d calls were in flight", calls)
                    .isLessThan(32);
        } finally {
            backend.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            ftp://host/v1,            CHAT,        http or https
            http://localhost:8000/v1, CHAT,        http://localhost:8000/v1/chat/completions
            http://localhost:8000/v1/, COMPLETIONS, http://localhost:8000/v1/completions
            """)
    void endpointAcceptsOnlyHttpUrlsAndAppendsTheApisPath(String url, OpenAiApi api, String expected) {
        if (expected.startsWith("http://")) {
            assertThat(new OpenAiEndpoint(URI.create(url), "m", " ", Duration.ofSeconds(1), api, true, 1).url())
                    .hasToString(expected);
        } else {
            assertThatThrownBy(() -> new OpenAiEndpoint(URI.create(url), "m", null, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expected);
        }
    }
}
