package io.evalstream.stub;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The requests the stub has seen for one prompt: how many, when each arrived, and the last one's headers and body. */
public final class PromptLog {

    /** Arrival times kept per prompt; a prompt sent more often (a load test) only counts the rest. */
    private static final int MAX_ARRIVALS = 1_000;

    private final List<Long> arrivalNanos = new ArrayList<>();
    private int count;
    private long bytesSent;
    private int hangUps;
    // Kept as received and converted only when a test asks: a bench sends thousands a second.
    private MultiMap lastHeaders = MultiMap.caseInsensitiveMultiMap();
    private Buffer lastBody = Buffer.buffer();

    synchronized int arrived(long nanos, MultiMap headers, Buffer body) {
        count++;
        if (arrivalNanos.size() < MAX_ARRIVALS) {
            arrivalNanos.add(nanos);
        }
        lastHeaders = headers;
        lastBody = body;
        return count;
    }

    synchronized void sent(long bytes) {
        bytesSent += bytes;
    }

    synchronized void hungUp() {
        hangUps++;
    }

    /** Body bytes a flood fault wrote for the prompt (on the wire: compressed for a gzip bomb). */
    public synchronized long bytesSent() {
        return bytesSent;
    }

    /** Flood responses to the prompt that the client closed before they ended. */
    public synchronized int hangUps() {
        return hangUps;
    }

    /** Requests seen for the prompt. */
    public synchronized int count() {
        return count;
    }

    /** {@link System#nanoTime()} at the arrival of each request, in order (the first thousand). */
    public synchronized List<Long> arrivalNanos() {
        return List.copyOf(arrivalNanos);
    }

    /** Milliseconds between consecutive requests. */
    public synchronized List<Long> gapsMillis() {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < arrivalNanos.size(); i++) {
            gaps.add((arrivalNanos.get(i) - arrivalNanos.get(i - 1)) / 1_000_000);
        }
        return gaps;
    }

    /** Headers of the last request, names in lower case. */
    public synchronized Map<String, String> lastHeaders() {
        Map<String, String> headers = new HashMap<>();
        lastHeaders.forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        return headers;
    }

    public synchronized String lastBody() {
        return lastBody.toString();
    }
}
