package io.evalstream.worker.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local server speaking the OpenAI chat completions protocol, with one canned behaviour per path
 * prefix: {@code baseUrl("ok")} answers, {@code baseUrl("status-429")} refuses, and so on.
 */
public final class StubOpenAi implements AutoCloseable {

    public static final String ANSWER = "Natalia sold 48 + 24 = 72 clips. The answer is 72.";
    public static final String SECRET = "sk-test-0123456789abcdef";
    private static final String OK_BODY = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"stub",
             "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":57,"completion_tokens":19,"total_tokens":76}}
            """.formatted(ANSWER);
    private static final String NO_USAGE_BODY = """
            {"choices":[{"index":0,"message":{"role":"assistant","content":"The answer is (B)."}}]}
            """;

    /** One request as the stub saw it. */
    public record Seen(String method, String path, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Seen> lastSeen = new ConcurrentHashMap<>();

    private StubOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(handlers);
        answer("ok", 200, OK_BODY);
        answer("no-usage", 200, NO_USAGE_BODY);
        answer("not-json", 200, "<html>502 Bad Gateway</html>");
        answer("no-content", 200, "{\"choices\":[]}");
        answer("echo-key", 401, "{\"error\":{\"message\":\"Incorrect API key provided: " + SECRET + "\"}}");
        for (int status : new int[] {400, 404, 429, 500, 503}) {
            answer("status-" + status, status, "{\"error\":{\"message\":\"stub status " + status + "\"}}");
        }
        server.createContext("/silent", this::remember);
        server.createContext("/slow", exchange -> {
            remember(exchange);
            delays.schedule(() -> send(exchange, 200, OK_BODY), 300, TimeUnit.MILLISECONDS);
        });
        server.start();
    }

    public static StubOpenAi start() {
        try {
            return new StubOpenAi();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the stub OpenAI server", e);
        }
    }

    /** The API root for a behaviour; the backend appends /chat/completions. */
    public String baseUrl(String behaviour) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + behaviour + "/v1";
    }

    public Seen lastSeen(String behaviour) {
        return lastSeen.get(behaviour);
    }

    private void answer(String behaviour, int status, String body) {
        server.createContext("/" + behaviour, exchange -> {
            remember(exchange);
            send(exchange, status, body);
        });
    }

    private void remember(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        lastSeen.put(path.split("/")[1], new Seen(exchange.getRequestMethod(), path,
                Map.copyOf(exchange.getRequestHeaders()), body));
    }

    private static void send(HttpExchange exchange, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            // The client gave up (timed out) before the answer: nothing left to tell it.
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
        handlers.shutdownNow();
    }
}
