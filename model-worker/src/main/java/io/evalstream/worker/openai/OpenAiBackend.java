package io.evalstream.worker.openai;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.backend.ModelBackend;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

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
    /** One context per event loop, each with its own client: calls take them in turn, so every loop parses replies. */
    private final Context[] loops;
    private final HttpClient[] clients;
    private final AtomicInteger nextLoop = new AtomicInteger();

    private OpenAiBackend(OpenAiEndpoint endpoint, Vertx vertx, Context[] loops, HttpClient[] clients) {
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
        int count = Math.max(1, Math.min(endpoint.connections(), Runtime.getRuntime().availableProcessors()));
        // Vert.x scans a pool's connections for a free one on every call: several smaller pools scan less.
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize((endpoint.connections() + count - 1) / count)
                .setHttp2MaxSize(8)
                .setMaxWaitQueueSize(-1);
        Context[] loops = new Context[count];
        HttpClient[] clients = new HttpClient[count];
        for (int i = 0; i < count; i++) {
            // Internal API, stable through Vert.x 4: a context on the next event loop, round-robin.
            loops[i] = ((VertxInternal) vertx).createEventLoopContext();
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
        // Whoever asks (the Kafka pipeline's single event loop, a retry timer), the call and its reply run on
        // the next loop: one loop alone could not parse thousands of streamed replies a second.
        int loop = Math.floorMod(nextLoop.getAndIncrement(), loops.length);
        loops[loop].runOnContext(v -> call.start(clients[loop], request, body));
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
