package io.evalstream.worker.openai;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
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
    private final HttpClient client;
    private final RequestOptions request;

    private OpenAiBackend(OpenAiEndpoint endpoint, Vertx vertx, HttpClient client) {
        this.endpoint = endpoint;
        this.vertx = vertx;
        this.client = client;
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/json")
                .add("Accept", endpoint.stream() ? "text/event-stream" : "application/json");
        if (endpoint.apiKey() != null) {
            headers.add("Authorization", "Bearer " + endpoint.apiKey());
        }
        this.request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(endpoint.url().toString())
                .setHeaders(headers);
    }

    /** A backend on {@code vertx}'s event loops with one pool of up to {@code endpoint.connections()} sockets. */
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
                .setDecompressionSupported(true)
                .setSsl(tls);
        if (tls) {
            // HTTP/2 multiplexes many calls over few connections where ALPN can negotiate it; plain-text
            // servers (vLLM, llama.cpp) get HTTP/1.1 rather than an h2c upgrade some of them mishandle.
            options.setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2).setHttp2MaxPoolSize(8);
        }
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize(endpoint.connections())
                .setHttp2MaxSize(8)
                // Connections spread over all event loops, so one loop does not parse every reply.
                .setEventLoopSize(Math.max(1, Runtime.getRuntime().availableProcessors()))
                .setMaxWaitQueueSize(-1);
        return new OpenAiBackend(endpoint, vertx, vertx.createHttpClient(options, pool));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<ModelReply> complete(PromptTask task) {
        Buffer body = Buffer.buffer(OpenAiProtocol.request(endpoint, task));
        return new OpenAiCall(endpoint, vertx, task).start(client, request, body);
    }

    @Override
    public void close() {
        // Nothing waits for calls still in flight: their completions could no longer be published.
        client.close();
    }

    /** For messages: what failed and where, never the key. */
    static ModelCallException failure(OpenAiEndpoint endpoint, ErrorKind kind, String what, Duration retryAfter) {
        return new ModelCallException(kind, endpoint.redact("POST " + endpoint.url() + " " + what), null, retryAfter);
    }
}
