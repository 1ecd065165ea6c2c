package io.evalstream.worker.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.worker.backend.ModelCallException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class CappedBodyTest {

    /** Feeds {@code wire} in chunks of {@code chunk} bytes; returns what came out, or throws what the body threw. */
    private static byte[] read(String encoding, byte[] wire, long cap, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CappedBody body = CappedBody.of(encoding, "the reply body", cap, out::write);
        try {
            for (int i = 0; i < wire.length; i += chunk) {
                body.feed(Arrays.copyOfRange(wire, i, Math.min(wire.length, i + chunk)));
            }
            body.end();
            return out.toByteArray();
        } finally {
            body.release();
        }
    }

    private static byte[] encode(String encoding, byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (encoding) {
            case "gzip" -> new GZIPOutputStream(bytes);
            case "deflate" -> new DeflaterOutputStream(bytes);
            default -> bytes;
        }) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest(name = "{0}: {1} bytes under a cap of {2}")
    @CsvSource(textBlock = """
            identity, 0,    10,   true
            identity, 10,   10,   true
            identity, 11,   10,   false
            gzip,     0,    10,   true
            gzip,     10,   10,   true
            gzip,     11,   10,   false
            gzip,     9000, 9000, true
            gzip,     9001, 9000, false
            deflate,  10,   10,   true
            deflate,  11,   10,   false
            """)
    void passesABodyUpToItsCapAfterDecodingAndFailsOneByteMore(String encoding, int size, long cap, boolean fits) {
        byte[] plain = "{\"x\":\"ab\"}".repeat(size / 10 + 1).substring(0, size).getBytes(StandardCharsets.UTF_8);
        byte[] wire = encode(encoding, plain);
        for (int chunk : new int[] {1, 3, 64, Math.max(1, wire.length)}) {
            if (fits) {
                assertThat(read(encoding, wire, cap, chunk)).as("in chunks of %d", chunk).isEqualTo(plain);
            } else {
                assertThatThrownBy(() -> read(encoding, wire, cap, chunk)).as("in chunks of %d", chunk)
                        .isInstanceOfSatisfying(ModelCallException.class, e -> {
                            assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                            assertThat(e.terminal()).isTrue();
                            assertThat(e.getMessage()).startsWith("the reply body exceeds its cap of " + cap + " bytes");
                        });
            }
        }
    }

    @Test
    void aGzipBombInflatesNoFurtherThanOnePiecePastTheCap() {
        // 64 MiB of JSON-ish zeros compress to ~64 KiB: the reader must stop at the cap, not inflate it all.
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(wire)) {
            byte[] block = "0".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 64; i++) {
                gzip.write(block);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long[] seen = new long[1];
        CappedBody body = CappedBody.of("gzip", "the reply body", 100_000, (b, off, len) -> seen[0] += len);

        assertThatThrownBy(() -> body.feed(wire.toByteArray())).isInstanceOf(ModelCallException.class)
                .hasMessageContaining("exceeds its cap of 100000 bytes");
        assertThat(seen[0]).as("bytes passed on").isEqualTo(100_000);
        assertThat(body.decoded()).as("bytes inflated").isLessThanOrEqualTo(100_000 + Inflating.PIECE);
        body.release();
    }

    @Test
    void keepsTheBytesThatFitWhenTheCapIsPassed() {
        byte[] kept = new byte[4];
        int[] at = {0};
        CappedBody body = CappedBody.of(null, "the HTTP 500 error body", 4, (b, off, len) -> {
            System.arraycopy(b, off, kept, at[0], len);
            at[0] += len;
        });

        assertThatThrownBy(() -> body.feed("abcdef".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageStartingWith("the HTTP 500 error body exceeds its cap of 4 bytes (6 bytes read");
        assertThat(new String(kept, StandardCharsets.US_ASCII)).isEqualTo("abcd");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not gzip at all            | gzip    | 7b2261223a317d                                 | gzip magic bytes
            cut after the header       | gzip    | 1f8b0800000000000003                           | ended early
            cut in the deflate stream  | gzip    | 1f8b08000000000000034b4c                       | ended early
            reserved header flags      | gzip    | 1f8b08e0000000000003                           | reserved flags
            not deflate                | deflate | 7b2261223a317d                                 | corrupt
            """)
    void aCorruptCompressedBodyIsMalformedAndMayBeRetried(String name, String encoding, String hex, String says) {
        byte[] wire = java.util.HexFormat.of().parseHex(hex);

        assertThatThrownBy(() -> read(encoding, wire, 1 << 20, 1)).isInstanceOfSatisfying(ModelCallException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                    assertThat(e.terminal()).as("a proxy may have garbled it: retried").isFalse();
                    assertThat(e.getMessage()).contains(says);
                });
    }

    @Test
    void readsAGzipHeaderWithANameAndCommentAndBytesSplitAnywhere() {
        byte[] plain = "{\"t\":\"İstanbul 東京\"}".getBytes(StandardCharsets.UTF_8);
        byte[] standard = encode("gzip", plain);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(standard, 0, 3);
        wire.write(0x08 | 0x10);
        wire.write(standard, 4, 6);
        wire.writeBytes("reply.json\0a comment\0".getBytes(StandardCharsets.US_ASCII));
        wire.write(standard, 10, standard.length - 10);

        for (int chunk = 1; chunk <= 40; chunk++) {
            assertThat(read("gzip", wire.toByteArray(), 1 << 20, chunk)).as("in chunks of %d", chunk).isEqualTo(plain);
        }
    }

    @Test
    void aTamperedGzipTrailerOrTrailingBytesAreMalformed() {
        byte[] wire = encode("gzip", "{\"a\":1}".getBytes(StandardCharsets.US_ASCII));
        byte[] badCrc = wire.clone();
        badCrc[wire.length - 8] ^= 1;
        byte[] trailing = Arrays.copyOf(wire, wire.length + 1);

        assertThatThrownBy(() -> read("gzip", badCrc, 1 << 20, 5)).hasMessageContaining("checksum");
        assertThatThrownBy(() -> read("gzip", trailing, 1 << 20, 5)).hasMessageContaining("bytes after the end");
    }

    @Test
    void anEncodingTheWorkerDidNotAskForIsATerminalFailure() {
        assertThatThrownBy(() -> CappedBody.of("br", "the reply body", 10, (b, off, len) -> { }))
                .isInstanceOfSatisfying(ModelCallException.class, e -> assertThat(e.terminal()).isTrue())
                .hasMessageContaining("encoded as 'br', which the worker did not ask for (Accept-Encoding: gzip, deflate)");
    }
}
