package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.Tasks;
import io.evalstream.worker.backend.ModelRouter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class OpenAiBackendTest {

    private static StubOpenAi stub;

    @BeforeAll
    static void startStub() {
        stub = StubOpenAi.start();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    private static final PromptTask TASK = Tasks.task(new TaskId("run-1", "stub-gpt", "gsm8k", "q1", "cot", 0),
            io.evalstream.contracts.Extraction.NUMERIC, io.evalstream.contracts.Category.MATH,
            "Question: Natalia sold clips to 48 of her friends...\nAnswer:", "72",
            Settings.of(5, true, 0.7, 0.95, 512, 1234L, List.of("Question:", "\n\n")));

    private static Completion call(String behaviour, String apiKey, Duration timeout) {
        OpenAiEndpoint endpoint = new OpenAiEndpoint(URI.create(stub.baseUrl(behaviour)), "stub-upstream", apiKey,
                timeout);
        try (ModelRouter router = new ModelRouter(Map.of("stub-gpt", OpenAiBackend.create(endpoint)))) {
            return router.complete(TASK).toCompletableFuture().join();
        }
    }

    private static Completion call(String behaviour) {
        return call(behaviour, StubOpenAi.SECRET, Duration.ofSeconds(10));
    }

    @Test
    void returnsTheChoiceTextAndReportedUsage() {
        Completion completion = call("ok");

        assertThat(completion.status()).isEqualTo(CompletionStatus.OK);
        assertThat(completion.text()).isEqualTo(StubOpenAi.ANSWER);
        assertThat(completion.usage()).isEqualTo(new TokenUsage(57, 19));
        assertThat(completion.backend()).isEqualTo("openai");
        assertThat(completion.simulated()).isFalse();
        assertThat(completion.attempts()).isEqualTo(1);
    }

    @Test
    void sendsThePromptAsOneUserMessageWithTheTasksSettingsAndTheKey() throws IOException {
        call("ok");
        StubOpenAi.Seen seen = stub.lastSeen("ok");

        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/ok/v1/chat/completions");
        assertThat(seen.headers().get("Authorization")).containsExactly("Bearer " + StubOpenAi.SECRET);
        JsonNode body = Json.mapper().readTree(seen.body());
        assertThat(body.path("model").asText()).isEqualTo("stub-upstream");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").path(0).path("content").asText()).isEqualTo(TASK.prompt());
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.95);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
        assertThat(body.path("seed").asLong()).isEqualTo(1234L);
        assertThat(body.path("stop").toString()).isEqualTo("[\"Question:\",\"\\n\\n\"]");
    }

    @Test
    void sendsNoAuthorizationWithoutAKey() {
        Completion completion = call("no-usage", null, Duration.ofSeconds(10));

        assertThat(completion.status()).isEqualTo(CompletionStatus.OK);
        assertThat(stub.lastSeen("no-usage").headers()).doesNotContainKey("Authorization");
    }

    @Test
    void estimatesUsageWhenTheServerReportsNone() {
        Completion completion = call("no-usage");

        assertThat(completion.text()).isEqualTo("The answer is (B).");
        assertThat(completion.usage()).isEqualTo(new TokenUsage((TASK.prompt().length() + 3) / 4, 5));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(textBlock = """
            status-500, SERVER_ERROR,       returned HTTP 500: {"error":{"message":"stub status 500"}}
            status-503, SERVER_ERROR,       returned HTTP 503
            status-429, RATE_LIMITED,       returned HTTP 429
            status-400, CLIENT_ERROR,       returned HTTP 400
            status-404, CLIENT_ERROR,       returned HTTP 404
            not-json,   MALFORMED_RESPONSE, response body is not JSON: <html>502 Bad Gateway</html>
            no-content, MALFORMED_RESPONSE, response has no choices[0].message.content string
            """)
    void failedCallsBecomeErrorCompletionsOfTheRightKind(String behaviour, ErrorKind kind, String message) {
        Completion completion = call(behaviour);

        assertThat(completion.status()).isEqualTo(CompletionStatus.ERROR);
        assertThat(completion.error().kind()).isEqualTo(kind);
        assertThat(completion.error().message()).startsWith("POST " + stub.baseUrl(behaviour) + "/chat/completions")
                .contains(message);
        assertThat(completion.backend()).isEqualTo("openai");
    }

    @Test
    void timesOutAServerThatNeverAnswers() {
        long start = System.nanoTime();
        Completion completion = call("silent", StubOpenAi.SECRET, Duration.ofMillis(300));

        assertThat(completion.error().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(completion.error().message()).endsWith("failed: no complete response within PT0.3S");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(300L, 5_000L);
    }

    @Test
    void refusedConnectionIsAConnectionError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OpenAiEndpoint endpoint = new OpenAiEndpoint(URI.create("http://127.0.0.1:" + closedPort + "/v1"), "m",
                StubOpenAi.SECRET, Duration.ofSeconds(5));
        try (ModelRouter router = new ModelRouter(Map.of("stub-gpt", OpenAiBackend.create(endpoint)))) {
            Completion completion = router.complete(TASK).toCompletableFuture().join();

            assertThat(completion.error().kind()).isEqualTo(ErrorKind.CONNECTION);
            assertThat(completion.error().message()).contains("ConnectException");
        }
    }

    @Test
    void neverEchoesTheKeyEvenWhenTheServerDoes() {
        Completion completion = call("echo-key");

        assertThat(completion.error().kind()).isEqualTo(ErrorKind.CLIENT_ERROR);
        assertThat(completion.error().message()).contains("Incorrect API key provided: ***")
                .doesNotContain(StubOpenAi.SECRET);
        OpenAiEndpoint endpoint = new OpenAiEndpoint(URI.create(stub.baseUrl("ok")), "m", StubOpenAi.SECRET,
                Duration.ofSeconds(1));
        assertThat(endpoint.toString()).doesNotContain(StubOpenAi.SECRET);
    }

    @Test
    void keepsManyCallsInFlightAtOnce() {
        OpenAiEndpoint endpoint = new OpenAiEndpoint(URI.create(stub.baseUrl("slow")), "m", null,
                Duration.ofSeconds(20));
        try (ModelRouter router = new ModelRouter(Map.of("stub-gpt", OpenAiBackend.create(endpoint)))) {
            long start = System.nanoTime();
            List<CompletableFuture<Completion>> calls = IntStream.range(0, 200)
                    .mapToObj(i -> router.complete(TASK).toCompletableFuture()).toList();
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

            assertThat(calls).allSatisfy(c -> assertThat(c.join().status()).isEqualTo(CompletionStatus.OK));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .as("200 calls answered after 300 ms each, overlapping").isLessThan(10_000L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            ftp://host/v1,          http or https
            http://localhost:8000/v1, ''
            """)
    void endpointAcceptsOnlyHttpUrls(String url, String complaint) {
        if (complaint.isEmpty()) {
            assertThat(new OpenAiEndpoint(URI.create(url), "m", " ", Duration.ofSeconds(1)).chatCompletions())
                    .hasToString("http://localhost:8000/v1/chat/completions");
        } else {
            assertThatThrownBy(() -> new OpenAiEndpoint(URI.create(url), "m", null, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(complaint);
        }
    }
}
