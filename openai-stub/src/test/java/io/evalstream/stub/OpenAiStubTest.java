package io.evalstream.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class OpenAiStubTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static OpenAiStub stub;

    @BeforeAll
    static void start() {
        stub = OpenAiStub.start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            status=429,retry-after=2,times=1 | STATUS    | 429 | 2    | false | 1
            status=503,retry-after-date=3    | STATUS    | 503 | 3    | true  | 2147483647
            hang                             | HANG      | 0   |      | false | 2147483647
            hold=g1                          | HOLD      | 0   |      | false | 2147483647
            reset, times=2                   | RESET     | 0   |      | false | 2
            malformed                        | MALFORMED | 0   |      | false | 2147483647
            truncate,times=1,latency=20      | TRUNCATE  | 0   |      | false | 1
            echo-key                         | ECHO_KEY  | 0   |      | false | 2147483647
            latency=50                       | NONE      | 0   |      | false | 0
            """)
    void parsesTheFaultWrittenInAPrompt(String settings, Fault.Kind kind, int status, Integer retryAfter,
            boolean asDate, int hitRequests) {
        Fault fault = Fault.in("Question: what is 2+2? [[stub:" + settings + "]]");

        assertThat(fault.kind()).isEqualTo(kind);
        assertThat(fault.status()).isEqualTo(status);
        assertThat(fault.retryAfterSeconds()).isEqualTo(retryAfter);
        assertThat(fault.retryAfterAsDate()).isEqualTo(asDate);
        assertThat(fault.hits(1)).isEqualTo(hitRequests >= 1);
        assertThat(fault.hits(3)).isEqualTo(hitRequests >= 3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            gzip-bomb                    | GZIP_BOMB    | 0   | 1024
            gzip-bomb=8,times=1          | GZIP_BOMB    | 0   | 8
            endless-line                 | ENDLESS_LINE | 0   | 0
            huge-error                   | HUGE_ERROR   | 500 | 50
            status=503,huge-error=2      | HUGE_ERROR   | 503 | 2
            huge-error=2,status=502      | HUGE_ERROR   | 502 | 2
            """)
    void parsesAFloodWithItsSize(String settings, Fault.Kind kind, int status, int megabytes) {
        Fault fault = Fault.parse(settings);

        assertThat(fault.kind()).isEqualTo(kind);
        assertThat(fault.status()).isEqualTo(status);
        assertThat(fault.megabytes()).isEqualTo(megabytes);
    }

    @ParameterizedTest(name = "stream={0}")
    @CsvSource({"false", "true"})
    void aGzipBombIsAValidGzipBodyThatInflatesToItsSize(boolean stream) throws Exception {
        String prompt = "[[stub:gzip-bomb=16]] " + System.nanoTime();
        HttpResponse<InputStream> response = postForStream("/chat/completions", chat(prompt, stream));
        long inflated = 0;
        byte[] start = new byte[64];
        try (InputStream body = new GZIPInputStream(response.body())) {
            int head = body.readNBytes(start, 0, start.length);
            inflated += head + body.transferTo(OutputStream.nullOutputStream());
        }

        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(new String(start, StandardCharsets.UTF_8)).startsWith(stream ? "data: {\"id\":\"stub-bomb\""
                : "{\"id\":\"stub-bomb\"");
        assertThat(inflated).as("bytes inflated (the trailer's CRC and length were checked)")
                .isBetween(16L << 20, (16L << 20) + 100);
        assertThat(stub.log(prompt).bytesSent()).as("bytes on the wire").isLessThan(64 << 10);
    }

    @Test
    void anEndlessLineGoesOnUntilTheClientHangsUp() throws Exception {
        String prompt = "[[stub:endless-line]] " + System.nanoTime();
        HttpResponse<InputStream> response = postForStream("/chat/completions", chat(prompt, true));
        byte[] read;
        try (InputStream body = response.body()) {
            read = body.readNBytes(4 << 20);
        }

        String text = new String(read, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("data: {").doesNotContain("\n").endsWith("xxxx");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stub.log(prompt).hangUps() == 1);
        assertThat(stub.log(prompt).bytesSent()).as("bytes sent before the hang-up").isLessThan(64L << 20);
    }

    @Test
    void aHugeErrorBodyIsJsonOfItsSize() throws Exception {
        HttpResponse<String> response = post("/chat/completions", chat("[[stub:huge-error=2]]", false));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body().length()).isBetween(1_900_000, 2_000_000);
        assertThat(new JsonObject(response.body()).getJsonObject("error").getString("message"))
                .startsWith("stub error body of 2 MB: xxx");
    }

    @Test
    void promptsWithoutADirectiveHaveNoFaultAndUnknownSettingsAreRejected() {
        assertThat(Fault.in("Question: what is 2+2?")).isNull();
        assertThatThrownBy(() -> Fault.parse("explode")).hasMessageContaining("unknown stub fault setting 'explode'");
    }

    @Test
    void answersAChatRequestAndCountsItUnderItsPrompt() throws Exception {
        String prompt = "Question: hello? " + System.nanoTime();
        HttpResponse<String> response = post("/chat/completions", chat(prompt, false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"content\":\"" + OpenAiStub.ANSWER + "\"", "\"completion_tokens\":12");
        assertThat(stub.requests(prompt)).isEqualTo(1);
        assertThat(stub.log(prompt).lastHeaders()).containsEntry("authorization", "Bearer sk-stub");
    }

    @Test
    void streamsCompletionsAsServerSentEventsEndingWithDone() throws Exception {
        String body = "{\"model\":\"m\",\"prompt\":\"Once upon a time\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}";
        HttpResponse<String> response = post("/completions", body);

        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
        assertThat(response.body()).startsWith("data: {").contains("\"text\":\"Natalia \"", "\"usage\":{")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void failsTheFirstRequestsOfAPromptThenAnswersAndSaysWhenToRetry() throws Exception {
        String prompt = "Question: retry me [[stub:status=429,retry-after=7,times=1]] " + System.nanoTime();
        HttpResponse<String> first = post("/chat/completions", chat(prompt, false));
        HttpResponse<String> second = post("/chat/completions", chat(prompt, false));

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("7");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(stub.log(prompt).gapsMillis()).hasSize(1);
    }

    @Test
    void holdsRequestsAtTheirGateUntilReleasedCountingHowManyWaitAtOnce() throws Exception {
        String gate = "gate-" + System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 5)
                .mapToObj(i -> HTTP.sendAsync(request("/chat/completions",
                        chat("Question: " + i + " [[stub:hold=" + gate + "]]", false)),
                        HttpResponse.BodyHandlers.ofString())).toList();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stub.held(gate) == 5);
        assertThat(calls).noneMatch(CompletableFuture::isDone);
        stub.release(gate);

        assertThat(calls).allSatisfy(c -> assertThat(c.get(10, TimeUnit.SECONDS).body()).contains(OpenAiStub.ANSWER));
        assertThat(stub.held(gate)).isZero();
        assertThat(stub.peakHeld(gate)).isEqualTo(5);
        assertThat(post("/chat/completions", chat("after [[stub:hold=" + gate + "]]", false)).statusCode())
                .as("an open gate holds nothing").isEqualTo(200);
        assertThatThrownBy(() -> Fault.parse("hold")).hasMessageContaining("hold needs a gate name");
    }

    @Test
    void echoesTheKeyWhenAskedSoClientsCanProveTheyRedactIt() throws Exception {
        HttpResponse<String> response = post("/chat/completions", chat("[[stub:echo-key]]", false));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Bearer sk-stub");
    }

    private static String chat(String prompt, boolean stream) {
        return "{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}";
    }

    private static HttpResponse<InputStream> postForStream(String path, String body) throws IOException,
            InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(stub.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer sk-stub").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
