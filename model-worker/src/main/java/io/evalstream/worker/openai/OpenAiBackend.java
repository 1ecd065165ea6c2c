package io.evalstream.worker.openai;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.backend.ErrorClassifier;
import io.evalstream.worker.backend.ModelBackend;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Calls {@code POST {base-url}/chat/completions} of an OpenAI-compatible server with the JDK's async
 * HTTP client: a call in flight holds a socket, not a thread. Every failure is classified here and its
 * message has the API key blanked out.
 */
public final class OpenAiBackend implements ModelBackend {

    public static final String KIND = "openai";

    /** Enough of an error body to say what the server complained about. */
    private static final int MAX_BODY_CHARS = 300;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final OpenAiEndpoint endpoint;
    private final URI uri;
    private final HttpClient client;

    private OpenAiBackend(OpenAiEndpoint endpoint, HttpClient client) {
        this.endpoint = endpoint;
        this.uri = endpoint.chatCompletions();
        this.client = client;
    }

    public static OpenAiBackend create(OpenAiEndpoint endpoint) {
        Duration connect = endpoint.timeout().compareTo(MAX_CONNECT_TIMEOUT) < 0 ? endpoint.timeout()
                : MAX_CONNECT_TIMEOUT;
        return new OpenAiBackend(endpoint, HttpClient.newBuilder().connectTimeout(connect).build());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletionStage<ModelReply> complete(PromptTask task) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                // HTTP/2 multiplexes many calls over few connections where TLS can negotiate it; plain-text
                // servers (vLLM, llama.cpp) get HTTP/1.1 rather than an h2c upgrade some of them mishandle.
                .version("https".equals(uri.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ChatProtocol.request(endpoint.model(), task)));
        if (endpoint.apiKey() != null) {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        CompletableFuture<ModelReply> reply = new CompletableFuture<>();
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
            try {
                reply.complete(read(response, failure, task));
            } catch (ModelCallException e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    private ModelReply read(HttpResponse<byte[]> response, Throwable failure, PromptTask task) {
        if (failure != null) {
            throw transportFailure(failure);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new ModelCallException(ErrorClassifier.ofStatus(status), endpoint.redact("POST " + uri
                    + " returned HTTP " + status + ": " + excerpt(response.body())));
        }
        try {
            return ChatProtocol.reply(response.body(), task);
        } catch (ModelCallException e) {
            throw new ModelCallException(e.kind(), endpoint.redact("POST " + uri + ": " + e.getMessage() + ": "
                    + excerpt(response.body())));
        }
    }

    private ModelCallException transportFailure(Throwable failure) {
        ErrorKind kind = ErrorClassifier.of(failure);
        String what = kind == ErrorKind.TIMEOUT ? "no complete response within " + endpoint.timeout()
                : describe(failure);
        return new ModelCallException(kind, endpoint.redact("POST " + uri + " failed: " + what));
    }

    private static String describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String detail = t.getMessage() != null ? t.getMessage()
                : t.getCause() != null ? t.getCause().getClass().getSimpleName() : null;
        return t.getClass().getSimpleName() + (detail == null ? "" : ": " + detail);
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_BODY_CHARS ? text : text.substring(0, MAX_BODY_CHARS - 3) + "...";
    }

    @Override
    public void close() {
        // Nothing waits for calls still in flight: their completions could no longer be published.
        client.shutdownNow();
    }
}
