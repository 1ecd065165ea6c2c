package io.evalstream.worker.openai;

/** Where a byte string cut at an arbitrary length may end without splitting a UTF-8 character. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The longest prefix of the first {@code length} bytes that does not end inside a multi-byte character: a
     * body cut at a cap would otherwise end in a replacement character. Malformed bytes are left to the decoder.
     */
    static int completeLength(byte[] bytes, int length) {
        int lead = length - 1;
        while (lead >= 0 && length - lead <= 4 && (bytes[lead] & 0xc0) == 0x80) {
            lead--;
        }
        if (lead < 0 || length - lead > 4) {
            return length;
        }
        int b = bytes[lead] & 0xff;
        int width = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        return lead + width > length ? lead : length;
    }
}
