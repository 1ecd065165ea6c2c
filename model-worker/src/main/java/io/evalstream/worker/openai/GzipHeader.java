package io.evalstream.worker.openai;

import io.evalstream.worker.backend.ModelCallException;

/** The length of a gzip member header (RFC 1952 section 2.3), read from the bytes received so far. */
final class GzipHeader {

    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int RESERVED = 0xe0;

    private GzipHeader() {
    }

    /**
     * The header's length in bytes, or -1 when {@code bytes} end before it does.
     *
     * @throws ModelCallException MALFORMED_RESPONSE when the bytes are not a gzip header
     */
    static int length(byte[] bytes) {
        if (bytes.length >= 1 && (bytes[0] & 0xff) != 0x1f || bytes.length >= 2 && (bytes[1] & 0xff) != 0x8b) {
            throw Inflating.malformed("it does not start with the gzip magic bytes");
        }
        if (bytes.length >= 3 && bytes[2] != 8) {
            throw Inflating.malformed("its gzip compression method is " + bytes[2] + ", not deflate (8)");
        }
        if (bytes.length < 10) {
            return -1;
        }
        int flags = bytes[3] & 0xff;
        if ((flags & RESERVED) != 0) {
            throw Inflating.malformed("its gzip header sets reserved flags");
        }
        int at = 10;
        if ((flags & FEXTRA) != 0) {
            at = bytes.length < at + 2 ? -1 : at + 2 + ((bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8);
        }
        if ((flags & FNAME) != 0) {
            at = afterZero(bytes, at);
        }
        if ((flags & FCOMMENT) != 0) {
            at = afterZero(bytes, at);
        }
        if ((flags & FHCRC) != 0 && at >= 0) {
            at += 2;
        }
        return at < 0 || at > bytes.length ? -1 : at;
    }

    private static int afterZero(byte[] bytes, int from) {
        if (from < 0) {
            return -1;
        }
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i + 1;
            }
        }
        return -1;
    }
}
