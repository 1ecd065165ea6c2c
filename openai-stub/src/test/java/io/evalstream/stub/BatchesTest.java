package io.evalstream.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Files and Batch APIs of the stub, driven over HTTP as a batch client would. */
@Timeout(30)
class BatchesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BOUNDARY = "stub-test-boundary";

    private OpenAiStub stub;

    @BeforeEach
    void start() {
        stub = OpenAiStub.start();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    /** directives of three lines (';' between, '-' for none) | batch status | output lines | error lines | error codes. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            -;-;-                          | completed | 3 | 0 |
            -;[[stub:batch-expire]];-      | expired   | 2 | 1 | batch_expired
            [[stub:status=500]];-;-        | completed | 2 | 1 | 500
            -;[[stub:batch-fail]];-        | failed    | 0 | 0 |
            """)
    void endsEveryBatchAsItsLinesAsk(String directives, String status, int outputLines, int errorLines,
            String errorCode) throws Exception {
        List<String> prompts = Arrays.stream(directives.split(";")).map(String::strip)
                .map(d -> "Question " + (d.equals("-") ? "" : d))
                .toList();
        JsonObject batch = create(upload(lines(prompts)));

        JsonObject ended = awaitEnd(batch.getString("id"));

        assertThat(ended.getString("status")).isEqualTo(status);
        assertThat(lineCount(ended.getString("output_file_id"))).isEqualTo(outputLines);
        List<String> errors = content(ended.getString("error_file_id"));
        assertThat(errors).hasSize(errorLines);
        if (errorCode != null) {
            JsonObject error = new JsonObject(errors.get(0));
            String code = error.getValue("error") != null ? error.getJsonObject("error").getString("code")
                    : error.getJsonObject("response").getInteger("status_code").toString();
            assertThat(code).isEqualTo(errorCode);
        }
        if (status.equals("failed")) {
            assertThat(ended.getJsonObject("errors").getJsonArray("data").getJsonObject(0).getString("message"))
                    .contains("line 2");
        }
        assertThat(stub.batchSubmissions()).containsOnlyKeys("t0", "t1", "t2").allSatisfy((id, n) ->
                assertThat(n).isEqualTo(1));
    }

    @Test
    void answersEachLineAsTheChatApiWouldWithItsCustomId() throws Exception {
        JsonObject ended = awaitEnd(create(upload(lines(List.of("What is 48 + 24?")))).getString("id"));

        JsonObject line = new JsonObject(content(ended.getString("output_file_id")).get(0));
        assertThat(line.getString("custom_id")).isEqualTo("t0");
        JsonObject body = line.getJsonObject("response").getJsonObject("body");
        assertThat(body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"))
                .isEqualTo(OpenAiStub.ANSWER);
        assertThat(body.getJsonObject("usage").getLong("prompt_tokens")).isEqualTo(("What is 48 + 24?".length() + 3) / 4);
        assertThat(ended.getJsonObject("request_counts").getInteger("completed")).isEqualTo(1);
    }

    @Test
    void keepsASlowBatchInProgressUntilItsTimeOrACancel() throws Exception {
        stub.batchDuration(Duration.ofHours(1));
        String id = create(upload(lines(List.of("slow")))).getString("id");

        assertThat(get("/batches/" + id).getString("status")).isEqualTo("in_progress");
        post("/batches/" + id + "/cancel", "{}");
        assertThat(get("/batches/" + id).getString("status")).isEqualTo("cancelled");
        assertThat(stub.batchPolls()).isEqualTo(2);
    }

    @Test
    void listsBatchesNewestFirstPageByPage() throws Exception {
        String older = create(upload(lines(List.of("one")))).getString("id");
        String newer = create(upload(lines(List.of("two")))).getString("id");

        JsonObject first = get("/batches?limit=1");
        JsonObject second = get("/batches?limit=1&after=" + newer);

        assertThat(first.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo(newer);
        assertThat(first.getBoolean("has_more")).isTrue();
        assertThat(second.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo(older);
        assertThat(second.getBoolean("has_more")).isFalse();
    }

    @Test
    void refusesAnUploadWhosePurposeIsNotBatch() throws Exception {
        HttpResponse<String> response = HTTP.send(multipart("fine-tune", "{}"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("purpose must be 'batch'");
    }

    private static String lines(List<String> prompts) {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < prompts.size(); i++) {
            JsonObject body = new JsonObject().put("model", "stub-upstream").put("messages",
                    new JsonArray().add(new JsonObject().put("role", "user")
                            .put("content", prompts.get(i))));
            file.append(new JsonObject().put("custom_id", "t" + i).put("method", "POST")
                    .put("url", "/v1/chat/completions").put("body", body).encode()).append('\n');
        }
        return file.toString();
    }

    private String upload(String content) throws Exception {
        HttpResponse<String> response = HTTP.send(multipart("batch", content), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("id");
    }

    private HttpRequest multipart(String purpose, String content) {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose
                + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n";
        return HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private JsonObject create(String fileId) throws Exception {
        return post("/batches", new JsonObject().put("input_file_id", fileId).put("endpoint", "/v1/chat/completions")
                .put("completion_window", "24h").encode());
    }

    private JsonObject awaitEnd(String id) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> get("/batches/" + id), batch -> !batch.getString("status").equals("in_progress"));
    }

    private int lineCount(String fileId) throws Exception {
        return content(fileId).size();
    }

    private List<String> content(String fileId) throws Exception {
        if (fileId == null) {
            return List.of();
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/files/"
                + fileId + "/content")).build(), HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(line -> !line.isBlank()).collect(Collectors.toList());
    }

    private JsonObject post(String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private JsonObject get(String path) throws Exception {
        return new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
