package io.evalstream.stub;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local OpenAI-compatible server: {@code POST /v1/chat/completions} and {@code POST /v1/completions},
 * streamed (SSE) or not, and the Files and Batch APIs ({@link Batches}), answering every prompt with {@link #ANSWER} after the configured latency unless
 * the prompt carries a {@link Fault}. It counts requests per prompt so tests can assert attempts and the
 * spacing between them. Plain Vert.x: thousands of requests in flight on one event loop.
 */
public final class OpenAiStub implements AutoCloseable {

    /** The text of every normal answer. */
    public static final String ANSWER = "Natalia sold 48 + 24 = 72 clips. The answer is 72.";

    private final Vertx vertx;
    private final HttpServer server;
    private final StubOptions options;
    private final Map<String, PromptLog> prompts = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final Map<String, AtomicLong> authorizations = new ConcurrentHashMap<>();
    private final Gates gates = new Gates();
    private final Batches batches;

    private OpenAiStub(Vertx vertx, StubOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.batches = new Batches(vertx);
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost(options.host()).setPort(options.port())
                .setTcpNoDelay(true).setIdleTimeout(0).setAcceptBacklog(8192));
    }

    /** A stub on a free port of 127.0.0.1 answering at once. */
    public static OpenAiStub start() {
        return start(StubOptions.immediate());
    }

    public static OpenAiStub start(StubOptions options) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops()));
        OpenAiStub stub = new OpenAiStub(vertx, options);
        try {
            stub.server.requestHandler(stub::accept).listen().toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            return stub;
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("cannot start the OpenAI stub on " + options.host() + ":"
                    + options.port(), e);
        }
    }

    /** The API root, such as {@code http://127.0.0.1:43121/v1}. */
    public String baseUrl() {
        return "http://" + options.host() + ":" + server.actualPort() + "/v1";
    }

    public int port() {
        return server.actualPort();
    }

    /** What the stub saw for a prompt (an empty log when it saw nothing). */
    public PromptLog log(String prompt) {
        return prompts.getOrDefault(prompt, new PromptLog());
    }

    /** Requests for a prompt so far. */
    public int requests(String prompt) {
        return log(prompt).count();
    }

    /** {@link System#nanoTime()} at the arrival of every request so far, of any prompt, in order. */
    public List<Long> arrivalNanos() {
        return prompts.values().stream().flatMap(log -> log.arrivalNanos().stream()).sorted().toList();
    }

        /** Requests of any prompt so far. */
    public long totalRequests() {
        return total.get();
    }

    /** Requests held at {@code gate} ({@code [[stub:hold=GATE]]}) right now: calls the client has in flight. */
    public int held(String gate) {
        return gates.held(gate);
    }

    /** The most requests ever held at {@code gate} at once: the client's peak concurrency for those prompts. */
    public int peakHeld(String gate) {
        return gates.peak(gate);
    }

    /** Answers every request held at {@code gate} normally; later requests for it are not held. */
    public void release(String gate) {
        gates.release(gate);
    }

    /**
     * Requests so far by the {@link #fingerprint} of their {@code Authorization} header ({@code none} without one):
     * what a test in another process reads from {@code GET /stub/requests} to check the key that was sent.
     */
    public Map<String, Long> authorizations() {
        Map<String, Long> counts = new TreeMap<>();
        authorizations.forEach((fingerprint, count) -> counts.put(fingerprint, count.get()));
        return counts;
    }

    /** How long a created batch stays {@code in_progress} before it ends (at once by default): a slow batch. */
    public void batchDuration(Duration inProgress) {
        batches.duration(inProgress);
    }

    /** How often each custom_id was part of a created batch: a request submitted twice counts 2. */
    public Map<String, Integer> batchSubmissions() {
        return batches.submitted();
    }

    /** Batches created so far, whatever became of them. */
    public int batchesCreated() {
        return batches.created();
    }

    /** {@code GET /v1/batches/{id}} requests so far. */
    public long batchPolls() {
        return batches.polls();
    }

    /** {@code sha256:<hex>} of a header value: comparable with what the sender meant, without holding the key. */
    public static String fingerprint(String header) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(header.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void accept(HttpServerRequest request) {
        String path = request.path();
        if (request.method() == HttpMethod.GET && path.equals("/stub/requests")) {
            reply(request.response(), 200, new JsonObject().put("total", total.get())
                    .put("authorization", new JsonObject(new LinkedHashMap<>(authorizations()))));
            return;
        }
        if (batches.accept(request)) {
            return;
        }
        boolean chat = path.endsWith("/chat/completions");
        if (request.method() != HttpMethod.POST || !(chat || path.endsWith("/completions"))) {
            request.response().setStatusCode(404).end();
            return;
        }
        long arrived = System.nanoTime();
        request.body().onSuccess(body -> answer(request, chat, body, arrived))
                .onFailure(failure -> request.connection().close());
    }

    private void answer(HttpServerRequest request, boolean chat, Buffer body, long arrived) {
        JsonObject json;
        try {
            json = body.toJsonObject();
        } catch (DecodeException e) {
            reply(request.response(), 400, Replies.error(400, "request body is not JSON"));
            return;
        }
        String prompt = chat ? lastMessage(json) : String.join("\n", EchoedLogprobs.prompts(json));
        total.incrementAndGet();
        String authorization = request.getHeader("Authorization");
        authorizations.computeIfAbsent(authorization == null ? "none" : fingerprint(authorization),
                k -> new AtomicLong()).incrementAndGet();
        int n = prompts.computeIfAbsent(prompt, p -> new PromptLog()).arrived(arrived, request.headers(), body);
        Fault fault = Fault.in(prompt);
        Duration latency = fault != null && fault.latency() != null ? fault.latency() : options.nextLatency();
        Call call = new Call(request, chat, json, prompt, fault != null && fault.hits(n) ? fault : null);
        if (latency.isZero()) {
            respond(call);
        } else {
            vertx.setTimer(latency.toMillis(), id -> respond(call));
        }
    }

    private record Call(HttpServerRequest request, boolean chat, JsonObject json, String prompt, Fault fault) {

        boolean stream() {
            return json.getBoolean("stream", false);
        }

        String model() {
            return json.getString("model", "stub");
        }
    }

    private void respond(Call call) {
        HttpServerResponse response = call.request().response();
        Fault fault = call.fault();
        if (fault == null) {
            answerNormally(call, response);
            return;
        }
        switch (fault.kind()) {
            case STATUS -> failWithStatus(response, fault);
            case HANG -> {
                // Never answered: the client's timeout has to end it.
            }
            case HOLD -> gates.hold(fault.gate(), response, () -> answerNormally(call, response));
            case RESET -> {
                response.setChunked(true).putHeader("Content-Type", contentType(call))
                        .write(call.stream() ? "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Nat\"}}]}\n\n"
                                : "{\"id\":\"stub-1\",\"choices\":[{\"index\":0,");
                call.request().connection().close();
            }
            case MALFORMED -> response.setStatusCode(200).putHeader("Content-Type", contentType(call))
                    .end(call.stream() ? "data: {\"choices\":[{\"delta\":{\"content\":\n\ndata: [DONE]\n\n"
                            : "{\"choices\":[{\"message\":{\"content\":");
            case TRUNCATE -> truncate(call, response);
            case ECHO_KEY -> reply(response, 401, Replies.error(401, "Incorrect API key provided: "
                    + call.request().getHeader("Authorization")));
            case GZIP_BOMB -> Floods.gzipBomb(response, call.stream(), fault.megabytes(), log(call.prompt()));
            case ENDLESS_LINE -> Floods.endlessLine(response, log(call.prompt()));
            case HUGE_ERROR -> Floods.hugeError(response, fault.status(), fault.megabytes(), log(call.prompt()));
            case NONE, BATCH_EXPIRE, BATCH_FAIL -> answerNormally(call, response);
        }
    }

    private void answerNormally(Call call, HttpServerResponse response) {
        if (!call.chat() && EchoedLogprobs.asked(call.json())) {
            reply(response, 200, EchoedLogprobs.reply(call.model(), EchoedLogprobs.prompts(call.json())));
            return;
        }
        JsonObject usage = Replies.usage(call.prompt(), ANSWER);
        if (!call.stream()) {
            reply(response, 200, Replies.whole(call.chat(), call.model(), ANSWER, usage));
            return;
        }
        boolean includeUsage = call.json().getJsonObject("stream_options", new JsonObject())
                .getBoolean("include_usage", false);
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        List<String> events = Replies.stream(call.chat(), call.model(), ANSWER, usage, includeUsage);
        StringBuilder all = new StringBuilder();
        events.forEach(all::append);
        response.end(all.toString());
    }

    private void truncate(Call call, HttpServerResponse response) {
        if (!call.stream()) {
            String whole = Replies.whole(call.chat(), call.model(), ANSWER, Replies.usage(call.prompt(), ANSWER))
                    .encode();
            response.setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(whole.substring(0, whole.length() / 2));
            return;
        }
        List<String> events = Replies.stream(call.chat(), call.model(), ANSWER, new JsonObject(), false);
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        events.subList(0, 2).forEach(response::write);
        response.end();
    }

    private static void failWithStatus(HttpServerResponse response, Fault fault) {
        Integer after = fault.retryAfterSeconds();
        if (after != null) {
            response.putHeader("Retry-After", fault.retryAfterAsDate()
                    ? DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(after))
                    : Integer.toString(after));
        }
        reply(response, fault.status(), Replies.error(fault.status(), "stub status " + fault.status()));
    }

    private static void reply(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static String contentType(Call call) {
        return call.stream() ? "text/event-stream" : "application/json";
    }

    private static String lastMessage(JsonObject json) {
        JsonArray messages = json.getJsonArray("messages", new JsonArray());
        return messages.isEmpty() ? "" : messages.getJsonObject(messages.size() - 1).getString("content", "");
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing a test server: nothing useful to do about a slow shutdown.
        }
    }

    /** Latency of a normal answer: fixed, or uniform between a minimum and a maximum. */
    public record StubOptions(String host, int port, Duration minLatency, Duration maxLatency, int eventLoops) {

        public static StubOptions immediate() {
            return new StubOptions("127.0.0.1", 0, Duration.ZERO, Duration.ZERO, 1);
        }

        public static StubOptions fixedLatency(Duration latency) {
            return new StubOptions("127.0.0.1", 0, latency, latency, 1);
        }

        public StubOptions withRandomLatency(Duration min, Duration max) {
            return new StubOptions(host, port, min, max, eventLoops);
        }

        public StubOptions withEventLoops(int loops) {
            return new StubOptions(host, port, minLatency, maxLatency, loops);
        }

        Duration nextLatency() {
            if (maxLatency.equals(minLatency)) {
                return minLatency;
            }
            return Duration.ofMillis(ThreadLocalRandom.current().nextLong(minLatency.toMillis(),
                    maxLatency.toMillis() + 1));
        }
    }
}
