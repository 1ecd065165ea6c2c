package io.evalstream.worker.openai;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a server-sent event stream, fed in chunks as they arrive, into the {@code data} of each event
 * (WHATWG HTML "server-sent events"): lines end in LF, CRLF or CR; a blank line ends an event; several
 * {@code data:} lines of one event are joined with LF; one space after the colon is dropped; comments
 * ({@code :...}) and other fields ({@code event:}, {@code id:}) are skipped. Bytes are decoded per line, so
 * a multi-byte character split across chunks survives. A line longer than its cap fails the call before the
 * buffer grows past it: a server that never sends a line end cannot fill the heap. Not thread-safe: one parser
 * per response.
 */
final class SseParser {

    private final int maxLineBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private boolean lastWasCr;

    /** @param maxLineBytes longest line accepted, in bytes, without its line end */
    SseParser(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** The data of every event completed by this chunk. */
    List<String> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    /**
     * The data of every event completed by {@code length} bytes of {@code chunk} from {@code offset}.
     *
     * @throws io.evalstream.worker.backend.ModelCallException terminal MALFORMED_RESPONSE for a line over the cap
     */
    List<String> feed(byte[] chunk, int offset, int length) {
        List<String> events = new ArrayList<>(2);
        int end = offset + length;
        int from = offset;
        for (int i = offset; i < end; i++) {
            byte b = chunk[i];
            if (b != '\n' && b != '\r') {
                continue;
            }
            if (b == '\n' && lastWasCr && i == from) {
                // The LF of a CRLF whose CR already ended the line.
                lastWasCr = false;
                from = i + 1;
                continue;
            }
            append(chunk, from, i - from);
            from = i + 1;
            lastWasCr = b == '\r';
            endLine(events);
        }
        append(chunk, from, end - from);
        if (from < end) {
            lastWasCr = false;
        }
        return events;
    }

    /** The data of an event the stream ended without a blank line after; null when there is none. */
    String finish() {
        List<String> events = new ArrayList<>(1);
        if (line.size() > 0) {
            endLine(events);
        }
        endLine(events);
        return events.isEmpty() ? null : events.getFirst();
    }

    private void append(byte[] chunk, int from, int length) {
        long size = (long) line.size() + length;
        if (size > maxLineBytes) {
            throw OverCap.of("a server-sent event line", maxLineBytes, size);
        }
        line.write(chunk, from, length);
    }

    private void endLine(List<String> events) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            if (hasData) {
                events.add(data.toString());
            }
            data.setLength(0);
            hasData = false;
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        if (!field.equals("data")) {
            return;
        }
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(value);
        hasData = true;
    }
}
