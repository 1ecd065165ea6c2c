package io.evalstream.stub;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip member (RFC 1952) that inflates to a head, {@code blocks} copies of one block, and a tail, generated as it
 * is sent from a few kilobytes: the block is deflated once, ending in a full flush (byte-aligned, no reference
 * back), so its compressed bytes can simply be repeated. Compressing a gigabyte with {@code GZIPOutputStream} took
 * 10 s of CPU on the build machine; this takes milliseconds, and never holds the inflated bytes.
 */
record GzipBomb(byte[] first, byte[] block, int blocks, byte[] last) {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255};
    /** Compressed blocks per piece written: about 64 KiB of wire bytes for 1 MiB blocks. */
    private static final int BLOCKS_PER_PIECE = 64;

    static GzipBomb of(String head, byte[] block, int blocks, String tail) {
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] tailBytes = tail.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(headBytes);
        for (int i = 0; i < blocks; i++) {
            crc.update(block);
        }
        crc.update(tailBytes);
        long size = headBytes.length + (long) block.length * blocks + tailBytes.length;
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        first.writeBytes(HEADER);
        first.writeBytes(deflate(headBytes, false));
        ByteArrayOutputStream last = new ByteArrayOutputStream();
        last.writeBytes(deflate(tailBytes, true));
        writeLe32(last, crc.getValue());
        writeLe32(last, size);
        return new GzipBomb(first.toByteArray(), deflate(block, false), blocks, last.toByteArray());
    }

    /** The wire bytes in pieces: the header and head, groups of compressed blocks, the tail and trailer. */
    Iterator<Buffer> pieces() {
        return new Iterator<>() {
            private int sent = -1;

            @Override
            public boolean hasNext() {
                return sent <= blocks;
            }

            @Override
            public Buffer next() {
                if (sent < 0) {
                    sent = 0;
                    return Buffer.buffer(first);
                }
                if (sent == blocks) {
                    sent++;
                    return Buffer.buffer(last);
                }
                int count = Math.min(BLOCKS_PER_PIECE, blocks - sent);
                Buffer piece = Buffer.buffer(block.length * count);
                for (int i = 0; i < count; i++) {
                    piece.appendBytes(block);
                }
                sent += count;
                return piece;
            }
        };
    }

    /** Raw deflate of {@code input}: full-flushed (more may follow), or finished (the last block). */
    private static byte[] deflate(byte[] input, boolean finish) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(input);
            if (finish) {
                deflater.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 << 10];
            while (true) {
                int n = finish ? deflater.deflate(buffer) : deflater.deflate(buffer, 0, buffer.length,
                        Deflater.FULL_FLUSH);
                out.write(buffer, 0, n);
                if (finish ? deflater.finished() : n < buffer.length && deflater.needsInput()) {
                    return out.toByteArray();
                }
            }
        } finally {
            deflater.end();
        }
    }

    private static void writeLe32(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }
}
