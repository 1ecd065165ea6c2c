package io.evalstream.stub;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Responses too big to hold: a gzip bomb, an endless SSE line, a huge error body. Each is written piece by piece
 * as the client drains it (never queued whole in the stub), and stops when the client hangs up, counting in the
 * prompt's {@link PromptLog} the bytes it got out and the hang-up.
 */
final class Floods {

    private static final int PIECE = 64 << 10;
    private static final byte[] ZEROS = new byte[1 << 20];
    private static final byte[] XS = "x".repeat(PIECE).getBytes(StandardCharsets.US_ASCII);
    /** Bombs by shape and size, each a few kilobytes of segments. */
    private static final Map<String, GzipBomb> BOMBS = new ConcurrentHashMap<>();

    static {
        Arrays.fill(ZEROS, (byte) '0');
    }

    private Floods() {
    }

    /** A 200 whose gzip body inflates to {@code mebibytes} MiB: a JSON (or SSE) answer of endless zeros. */
    static void gzipBomb(HttpServerResponse response, boolean stream, int mebibytes, PromptLog log) {
        String head = (stream ? "data: " : "") + "{\"id\":\"stub-bomb\",\"choices\":[{\"index\":0,"
                + (stream ? "\"delta\"" : "\"message\"") + ":{\"content\":\"";
        GzipBomb bomb = BOMBS.computeIfAbsent(head + mebibytes, key -> GzipBomb.of(head, ZEROS, mebibytes,
                "\"}}]}"));
        response.setStatusCode(200).putHeader("Content-Type", stream ? "text/event-stream" : "application/json")
                .putHeader("Content-Encoding", "gzip").setChunked(true);
        pump(response, bomb.pieces(), log);
    }

    /** A 200 SSE stream whose first {@code data:} line never ends: written until the client hangs up. */
    static void endlessLine(HttpServerResponse response, PromptLog log) {
        response.setStatusCode(200).putHeader("Content-Type", "text/event-stream").setChunked(true);
        Buffer start = Buffer.buffer("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
        pump(response, endless(start, () -> Buffer.buffer(XS)), log);
    }

    /** An error {@code status} with a JSON body of {@code megabytes} MB whose message is mostly x's. */
    static void hugeError(HttpServerResponse response, int status, int megabytes, PromptLog log) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").setChunked(true);
        long size = megabytes * 1_000_000L;
        Buffer start = Buffer.buffer("{\"error\":{\"type\":\"server_error\",\"message\":\"stub error body of "
                + megabytes + " MB: ");
        Buffer end = Buffer.buffer("\"}}");
        Iterator<Buffer> xs = endless(start, () -> Buffer.buffer(XS));
        Iterator<Buffer> pieces = new Iterator<>() {
            private long written;
            private boolean ended;

            @Override
            public boolean hasNext() {
                return !ended;
            }

            @Override
            public Buffer next() {
                if (written + PIECE + end.length() >= size) {
                    ended = true;
                    return end;
                }
                Buffer piece = xs.next();
                written += piece.length();
                return piece;
            }
        };
        pump(response, pieces, log);
    }

    private static Iterator<Buffer> endless(Buffer first, Supplier<Buffer> next) {
        return new Iterator<>() {
            private boolean started;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Buffer next() {
                if (started) {
                    return next.get();
                }
                started = true;
                return first;
            }
        };
    }

    /** Writes while the connection takes more, then waits for it to drain; stops when the client hangs up. */
    private static void pump(HttpServerResponse response, Iterator<Buffer> pieces, PromptLog log) {
        boolean[] closed = {false};
        response.closeHandler(v -> {
            closed[0] = true;
            log.hungUp();
        });
        Runnable[] write = new Runnable[1];
        write[0] = () -> {
            while (!closed[0] && !response.writeQueueFull()) {
                if (!pieces.hasNext()) {
                    response.end();
                    return;
                }
                Buffer piece = pieces.next();
                response.write(piece);
                log.sent(piece.length());
            }
            if (!closed[0]) {
                response.drainHandler(v -> write[0].run());
            }
        };
        write[0].run();
    }
}
