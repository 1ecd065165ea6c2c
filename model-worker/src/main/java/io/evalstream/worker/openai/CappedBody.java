package io.evalstream.worker.openai;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.worker.backend.ModelCallException;
import java.util.Locale;

/**
 * A response body read as it arrives: decoded per its {@code Content-Encoding} (identity, gzip or deflate) in
 * small pieces, and counted against a cap <em>after</em> decoding, so a few kilobytes of gzip that would inflate to
 * a gigabyte stop at the cap. The bytes that fit are passed on before the cap fails the call (an error body's start
 * is the server's message). Not thread-safe: one per response, on its event loop.
 */
final class CappedBody {

    /** What the worker sends as {@code Accept-Encoding}: the encodings this class decodes itself. */
    static final String ACCEPTED_ENCODINGS = "gzip, deflate";

    private final Decoder decoder;
    private final String what;
    private final long cap;
    private final ByteSink sink;
    private long decoded;

    private CappedBody(Decoder decoder, String what, long cap, ByteSink sink) {
        this.decoder = decoder;
        this.what = what;
        this.cap = cap;
        this.sink = sink;
    }

    /**
     * @param contentEncoding the response's header; null or {@code identity} for none
     * @param what            names the body in the failure, e.g. {@code "the reply body"}
     * @throws ModelCallException terminal MALFORMED_RESPONSE for an encoding the worker did not ask for
     */
    static CappedBody of(String contentEncoding, String what, long cap, ByteSink sink) {
        String encoding = contentEncoding == null ? "" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        Decoder decoder = switch (encoding) {
            case "", "identity" -> new Identity();
            case "gzip", "x-gzip" -> Inflating.gzip();
            case "deflate" -> Inflating.zlib();
            default -> throw ModelCallException.terminal(ErrorKind.MALFORMED_RESPONSE, "the response is encoded as '"
                    + contentEncoding + "', which the worker did not ask for (Accept-Encoding: " + ACCEPTED_ENCODINGS
                    + ")");
        };
        return new CappedBody(decoder, what, cap, sink);
    }

    /** Takes the next bytes off the wire. @throws ModelCallException past the cap, or on a corrupt encoding */
    void feed(byte[] chunk) {
        decoder.feed(chunk, this::count);
    }

    /** The body has ended. @throws ModelCallException when a compressed body was cut short */
    void end() {
        decoder.end();
    }

    /** Frees the decoder's native memory (zlib); the body is not read further. */
    void release() {
        decoder.release();
    }

    /** Bytes after decoding so far. */
    long decoded() {
        return decoded;
    }

    private void count(byte[] bytes, int offset, int length) {
        long room = cap - decoded;
        decoded += length;
        if (length > room) {
            sink.write(bytes, offset, (int) room);
            throw OverCap.of(what, cap, decoded);
        }
        sink.write(bytes, offset, length);
    }

    /** Turns wire bytes into body bytes, in pieces small enough that the cap is checked often. */
    interface Decoder {

        void feed(byte[] chunk, ByteSink out);

        void end();

        void release();
    }

    private static final class Identity implements Decoder {

        @Override
        public void feed(byte[] chunk, ByteSink out) {
            out.write(chunk, 0, chunk.length);
        }

        @Override
        public void end() {
        }

        @Override
        public void release() {
        }
    }
}
