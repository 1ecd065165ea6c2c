package io.evalstream.worker.openai;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Texts;
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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

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
            readWhole(response, "the HTTP " + status + " error body", endpoint.caps().errorBodyBytes(),
                    body -> fail(OpenAiBackend.failure(endpoint, ErrorClassifier.ofStatus(status),
                            "returned HTTP " + status + ": " + excerpt(body), retryAfter)));
            return;
        }
        long cap = endpoint.caps().replyBytes(task.settings().maxTokens());
        String type = response.getHeader("Content-Type");
        if (endpoint.stream() && type != null && type.startsWith("text/event-stream")) {
            stream(response, cap);
        } else {
            readWhole(response, "the reply body", cap, body -> {
                try {
                    succeed(OpenAiProtocol.whole(body, task, endpoint.api()));
                } catch (ModelCallException e) {
                    fail(OpenAiBackend.failure(endpoint, e.kind(), e.getMessage() + ": " + excerpt(body), null));
                }
            });
        }
    }

    /** Reads a body under its cap into memory, then hands it on; past the cap the call fails and the socket closes. */
    private void readWhole(HttpClientResponse response, String what, long cap, Consumer<byte[]> whenRead) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        CappedBody body = open(response, what, cap, read::write);
        if (body != null) {
            response.handler(chunk -> consume(() -> body.feed(chunk.getBytes()), read, true));
            response.endHandler(end -> consume(() -> {
                body.end();
                whenRead.accept(read.toByteArray());
            }, read, false));
        }
    }

    /** Parses events as they arrive, under the stream's cap and each line's. */
    private void stream(HttpClientResponse response, long cap) {
        SseParser parser = new SseParser(endpoint.caps().lineBytes());
        StreamedReply reply = new StreamedReply(endpoint.api(), sentNanos);
        CappedBody body = open(response, "the event stream", cap, (bytes, offset, length) -> {
            long now = System.nanoTime();
            for (String data : parser.feed(bytes, offset, length)) {
                reply.accept(data, now);
            }
        });
        if (body != null) {
            response.handler(chunk -> consume(() -> body.feed(chunk.getBytes()), null, true));
            response.endHandler(end -> consume(() -> {
                body.end();
                String last = parser.finish();
                if (last != null) {
                    reply.accept(last, System.nanoTime());
                }
                succeed(reply.reply(task));
            }, null, false));
        }
    }

    /** The body decoded per its Content-Encoding under {@code cap}; null (the call failed) for an unknown encoding. */
    private CappedBody open(HttpClientResponse response, String what, long cap, ByteSink sink) {
        try {
            CappedBody body = CappedBody.of(response.getHeader("Content-Encoding"), what, cap, sink);
            // Every way the call ends frees the inflater's native memory; no chunk is read after that.
            result.whenComplete((reply, failure) -> body.release());
            return body;
        } catch (ModelCallException e) {
            fail(OpenAiBackend.failure(endpoint, e, ""));
            request.reset();
            return null;
        }
    }

    /**
     * One step of reading a body, unless the call has ended. A failure ends the call, quoting the start of what was
     * read when there is some, and mid-body closes the socket: the rest of a flood is never read.
     */
    private void consume(Runnable step, ByteArrayOutputStream read, boolean midBody) {
        if (result.isDone()) {
            return;
        }
        try {
            step.run();
        } catch (ModelCallException e) {
            fail(OpenAiBackend.failure(endpoint, e, read == null || read.size() == 0 ? ""
                    : "; it begins: " + excerpt(read.toByteArray())));
            if (midBody) {
                request.reset();
            }
        }
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

    /**
     * Redacted before it is cut: a key straddling the cut would otherwise keep its first half. A body cut at its cap
     * loses the character the cap split rather than showing a replacement character.
     */
    private String excerpt(byte[] body) {
        String decoded = new String(body, 0, Utf8.completeLength(body, body.length), StandardCharsets.UTF_8);
        String text = endpoint.redact(decoded).replaceAll("\\s+", " ").strip();
        return Texts.abbreviate(text, MAX_BODY_CHARS);
    }
}
