package io.evalstream.worker.openai;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.backend.ErrorClassifier;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import io.evalstream.worker.resilience.RetryAfter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One HTTP exchange with an OpenAI-compatible server, from connecting to the last byte, with its own
 * deadline: when it passes the request is reset (the socket closed), so a server that hangs costs a
 * timeout, never a connection held forever. Completes once, with a reply or a classified failure.
 */
final class OpenAiCall {

    /** Enough of an error body to say what the server complained about. */
    private static final int MAX_BODY_CHARS = 300;

    private final OpenAiEndpoint endpoint;
    private final Vertx vertx;
    private final PromptTask task;
    private final CompletableFuture<ModelReply> result = new CompletableFuture<>();
    private final long sentNanos = System.nanoTime();
    private long timer = -1;
    private volatile HttpClientRequest request;
    private volatile boolean timedOut;

    OpenAiCall(OpenAiEndpoint endpoint, Vertx vertx, PromptTask task) {
        this.endpoint = endpoint;
        this.vertx = vertx;
        this.task = task;
    }

    CompletionStage<ModelReply> result() {
        return result;
    }

    /** Sends the request; call on the event loop the exchange should run on. */
    void start(HttpClient client, RequestOptions options, Buffer body) {
        timer = vertx.setTimer(endpoint.timeout().toMillis(), id -> expire());
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                failTransport(opened.cause());
                return;
            }
            request = opened.result();
            if (result.isDone()) {
                request.reset();
                return;
            }
            request.send(body).onComplete(sent -> {
                if (sent.failed()) {
                    failTransport(sent.cause());
                } else {
                    receive(sent.result());
                }
            });
        });
    }

    private void receive(HttpClientResponse response) {
        int status = response.statusCode();
        response.exceptionHandler(this::failTransport);
        if (status < 200 || status > 299) {
            Duration retryAfter = RetryAfter.parse(response.getHeader("Retry-After"),
                    response.getHeader("retry-after-ms"), Instant.now()).orElse(null);
            response.body().onComplete(body -> fail(OpenAiBackend.failure(endpoint, ErrorClassifier.ofStatus(status),
                    "returned HTTP " + status + ": " + (body.succeeded() ? excerpt(body.result()) : ""), retryAfter)));
            return;
        }
        String type = response.getHeader("Content-Type");
        if (endpoint.stream() && type != null && type.startsWith("text/event-stream")) {
            stream(response);
        } else {
            response.body().onComplete(body -> {
                if (body.failed()) {
                    failTransport(body.cause());
                    return;
                }
                try {
                    succeed(OpenAiProtocol.whole(body.result().getBytes(), task, endpoint.api()));
                } catch (ModelCallException e) {
                    fail(OpenAiBackend.failure(endpoint, e.kind(), e.getMessage() + ": " + excerpt(body.result()),
                            null));
                }
            });
        }
    }

    private void stream(HttpClientResponse response) {
        SseParser parser = new SseParser();
        StreamedReply reply = new StreamedReply(endpoint.api(), sentNanos);
        response.handler(chunk -> {
            if (result.isDone()) {
                return;
            }
            try {
                long now = System.nanoTime();
                for (String data : parser.feed(chunk.getBytes())) {
                    reply.accept(data, now);
                }
            } catch (ModelCallException e) {
                fail(OpenAiBackend.failure(endpoint, e.kind(), e.getMessage(), null));
                request.reset();
            }
        });
        response.endHandler(end -> {
            try {
                String last = parser.finish();
                if (last != null) {
                    reply.accept(last, System.nanoTime());
                }
                succeed(reply.reply(task));
            } catch (ModelCallException e) {
                fail(OpenAiBackend.failure(endpoint, e.kind(), e.getMessage(), null));
            }
        });
    }

    private void expire() {
        timedOut = true;
        fail(OpenAiBackend.failure(endpoint, ErrorKind.TIMEOUT, "failed: no complete response within "
                + endpoint.timeout(), null));
        HttpClientRequest sent = request;
        if (sent != null) {
            sent.reset();
        }
    }

    private void failTransport(Throwable failure) {
        if (timedOut || result.isDone()) {
            return;
        }
        // A failure on the wire (refused, reset, closed mid-answer) is a connection failure whatever
        // Vert.x or Netty calls it, except a timeout.
        ErrorKind kind = ErrorClassifier.of(failure) == ErrorKind.TIMEOUT ? ErrorKind.TIMEOUT : ErrorKind.CONNECTION;
        fail(OpenAiBackend.failure(endpoint, kind, "failed: " + describe(failure), null));
    }

    private void succeed(ModelReply reply) {
        if (result.complete(reply)) {
            vertx.cancelTimer(timer);
        }
    }

    private void fail(ModelCallException failure) {
        if (result.completeExceptionally(failure)) {
            vertx.cancelTimer(timer);
        }
    }

    private static String describe(Throwable failure) {
        String detail = failure.getMessage() != null ? failure.getMessage()
                : failure.getCause() != null ? failure.getCause().getClass().getSimpleName() : null;
        return failure.getClass().getSimpleName() + (detail == null ? "" : ": " + detail);
    }

    /** Redacted before it is cut: a key straddling the cut would otherwise keep its first half. */
    private String excerpt(Buffer body) {
        String text = endpoint.redact(body.toString(StandardCharsets.UTF_8)).replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_BODY_CHARS ? text : text.substring(0, MAX_BODY_CHARS - 3) + "...";
    }
}
