package io.evalstream.worker.openai;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.servicekit.EventLoops;
import io.evalstream.worker.backend.ModelBackend;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Calls an OpenAI-compatible server ({@code /chat/completions} or {@code /completions}) with the Vert.x
 * HTTP client: a call in flight is a socket and a few objects on an event loop, not a thread, so thousands
 * fit in a worker. Streams by default (server-sent events) to measure the time to the first token. Every
 * failure is classified in {@link OpenAiCall} and its message has the API key blanked out.
 */
public final class OpenAiBackend implements ModelBackend {

    public static final String KIND = "openai";

    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final OpenAiEndpoint endpoint;
    private final Vertx vertx;
    private final RequestOptions request;
    /** A client per event loop: every loop sends calls and parses replies. */
    private final EventLoops loops;
    private final HttpClient[] clients;

    private OpenAiBackend(OpenAiEndpoint endpoint, Vertx vertx, EventLoops loops, HttpClient[] clients) {
        this.endpoint = endpoint;
        this.vertx = vertx;
        this.loops = loops;
        this.clients = clients;
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/json")
                .add("Accept", endpoint.stream() ? "text/event-stream" : "application/json")
                .add("Accept-Encoding", CappedBody.ACCEPTED_ENCODINGS);
        if (endpoint.apiKey() != null) {
            headers.add("Authorization", "Bearer " + endpoint.apiKey());
        }
        this.request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(endpoint.url().toString())
                .setHeaders(headers);
    }

    /** A backend on {@code vertx}'s event loops with up to {@code endpoint.connections()} sockets in all. */
    public static OpenAiBackend create(OpenAiEndpoint endpoint, Vertx vertx) {
        URI url = endpoint.url();
        boolean tls = "https".equals(url.getScheme());
        Duration connect = endpoint.timeout().compareTo(MAX_CONNECT_TIMEOUT) < 0 ? endpoint.timeout()
                : MAX_CONNECT_TIMEOUT;
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) connect.toMillis())
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                // No pipelining: a slow generation would hold up every call queued behind it on its socket.
                .setPipelining(false)
                // Bodies are inflated by CappedBody, piece by piece under the reply's cap: the client's own
                // decompression inflates a whole network read at once, 1000 to 1 for a gzip bomb.
                .setDecompressionSupported(false)
                .setSsl(tls);
        if (tls) {
            // HTTP/2 multiplexes many calls over few connections where ALPN can negotiate it; plain-text
            // servers (vLLM, llama.cpp) get HTTP/1.1 rather than an h2c upgrade some of them mishandle.
            options.setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2).setHttp2MaxPoolSize(8);
        }
        EventLoops loops = EventLoops.of(vertx, endpoint.connections());
        // Vert.x scans a pool's connections for a free one on every call: several smaller pools scan less.
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize((endpoint.connections() + loops.size() - 1) / loops.size())
                .setHttp2MaxSize(8)
                .setMaxWaitQueueSize(-1);
        HttpClient[] clients = new HttpClient[loops.size()];
        for (int i = 0; i < clients.length; i++) {
            // A client used from one loop only keeps its connections, and so its replies' parsing, on that loop.
            clients[i] = vertx.createHttpClient(options, pool);
        }
        return new OpenAiBackend(endpoint, vertx, loops, clients);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<ModelReply> complete(PromptTask task) {
        if (task.byLikelihood() && endpoint.api() != OpenAiApi.COMPLETIONS) {
            return CompletableFuture.failedFuture(new ModelCallException(ErrorKind.UNSUPPORTED_TASK, "model '"
                    + endpoint.model() + "' is served through the chat API, which cannot score a given text; a "
                    + task.kind() + " task needs api=completions (echo with logprobs, as vLLM and the llama.cpp"
                    + " server offer)"));
        }
        Buffer body = Buffer.buffer(OpenAiProtocol.request(endpoint, task));
        OpenAiCall call = new OpenAiCall(endpoint, vertx, task);
        // A call asked for on one of the loops (the worker spreads its tasks over them) is sent from it, with no
        // hop; one asked for elsewhere (a retry timer, a test) goes to the next loop: one loop alone could not parse
        // thousands of streamed replies a second.
        int here = loops.current();
        if (here >= 0) {
            call.start(clients[here], request, body);
        } else {
            int loop = loops.next();
            loops.context(loop).runOnContext(v -> call.start(clients[loop], request, body));
        }
        return call.result();
    }

    @Override
    public void close() {
        // Nothing waits for calls still in flight: their completions could no longer be published.
        for (HttpClient client : clients) {
            client.close();
        }
    }

    /** The failure of a call with the endpoint in its message (never the key), terminal if {@code failure} is. */
    static ModelCallException failure(OpenAiEndpoint endpoint, ModelCallException failure, String detail) {
        return failure.withMessage(endpoint.redact("POST " + endpoint.url() + " " + failure.getMessage() + detail),
                failure.retryAfter());
    }

    /** For messages: what failed and where, never the key. */
    static ModelCallException failure(OpenAiEndpoint endpoint, ErrorKind kind, String what, Duration retryAfter) {
        return new ModelCallException(kind, endpoint.redact("POST " + endpoint.url() + " " + what), null, retryAfter);
    }
}
