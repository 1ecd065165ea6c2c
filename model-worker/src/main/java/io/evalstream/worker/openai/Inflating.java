package io.evalstream.worker.openai;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.worker.backend.ModelCallException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a gzip (RFC 1952, one member) or zlib-wrapped deflate ({@code Content-Encoding: deflate}) body pushed
 * in chunks, handing out at most {@value #PIECE} bytes at a time: the sink sees (and can refuse) every piece, so
 * inflation stops within one piece of a cap however well the input compresses. The HTTP client's own
 * decompression is off because it inflates a whole network read at once (a 64 KiB read of a gzip bomb is 64 MiB).
 */
final class Inflating implements CappedBody.Decoder {

    static final int PIECE = 8 << 10;
    /** A gzip header is 10 bytes plus optional name, comment and extra field; none is this long in a reply. */
    private static final int MAX_HEADER = 16 << 10;
    private static final int TRAILER = 8;

    private final boolean gzip;
    private final Inflater inflater;
    private final byte[] out = new byte[PIECE];
    private final CRC32 crc = new CRC32();
    private ByteArrayOutputStream header;
    private final byte[] trailer = new byte[TRAILER];
    private int trailerLength;
    private long size;
    private boolean started;

    private Inflating(boolean gzip) {
        this.gzip = gzip;
        this.inflater = new Inflater(gzip);
        this.header = gzip ? new ByteArrayOutputStream(32) : null;
    }

    static Inflating gzip() {
        return new Inflating(true);
    }

    static Inflating zlib() {
        return new Inflating(false);
    }

    @Override
    public void feed(byte[] chunk, ByteSink sink) {
        byte[] input = chunk;
        started |= chunk.length > 0;
        if (header != null) {
            header.writeBytes(chunk);
            byte[] buffered = header.toByteArray();
            int length = GzipHeader.length(buffered);
            if (length < 0) {
                if (buffered.length > MAX_HEADER) {
                    throw malformed("its gzip header is longer than " + MAX_HEADER + " bytes");
                }
                return;
            }
            header = null;
            input = Arrays.copyOfRange(buffered, length, buffered.length);
        }
        int from = 0;
        if (!inflater.finished()) {
            inflater.setInput(input);
            inflate(sink);
            if (!inflater.finished()) {
                return;
            }
            from = input.length - inflater.getRemaining();
        }
        afterStream(input, from);
    }

    @Override
    public void end() {
        if (!started) {
            return;
        }
        if (!inflater.finished() || (gzip && trailerLength < TRAILER)) {
            throw malformed("the compressed body ended early (" + size + " bytes inflated)");
        }
    }

    @Override
    public void release() {
        inflater.end();
    }

    private void inflate(ByteSink sink) {
        while (true) {
            int n;
            try {
                n = inflater.inflate(out);
            } catch (DataFormatException e) {
                throw malformed("the compressed body is corrupt: " + e.getMessage());
            }
            if (n == 0) {
                if (inflater.needsDictionary()) {
                    throw malformed("the deflate stream asks for a preset dictionary");
                }
                return;
            }
            size += n;
            if (gzip) {
                crc.update(out, 0, n);
            }
            sink.write(out, 0, n);
        }
    }

    /** The bytes after the deflate stream: a gzip trailer (CRC-32 and length), and nothing else. */
    private void afterStream(byte[] input, int from) {
        int take = gzip ? Math.min(TRAILER - trailerLength, input.length - from) : 0;
        System.arraycopy(input, from, trailer, trailerLength, take);
        boolean complete = trailerLength < TRAILER && trailerLength + take == TRAILER;
        trailerLength += take;
        if (from + take < input.length) {
            throw malformed("it has bytes after the end of its compressed stream");
        }
        if (complete && (le32(0) != (int) crc.getValue() || le32(4) != (int) size)) {
            throw malformed("its gzip checksum or length does not match the inflated bytes");
        }
    }

    private int le32(int at) {
        return (trailer[at] & 0xff) | (trailer[at + 1] & 0xff) << 8 | (trailer[at + 2] & 0xff) << 16
                | (trailer[at + 3] & 0xff) << 24;
    }

    static ModelCallException malformed(String what) {
        return new ModelCallException(ErrorKind.MALFORMED_RESPONSE, "the compressed response is malformed: " + what);
    }
}
