package io.evalstream.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains a process's output on its own thread, keeping only the last {@value #EXCERPT_BYTES} bytes, and calls
 * {@code onOverflow} once (and stops reading) when more than the limit has arrived. Memory stays bounded
 * whatever the program prints.
 */
final class OutputTail {

    static final int EXCERPT_BYTES = 2048;
    private static final int CHUNK = 8192;

    private final InputStream in;
    private final long limit;
    private final Runnable onOverflow;
    private final byte[] ring = new byte[EXCERPT_BYTES];
    private final Thread thread;
    private long total;
    private volatile boolean overflowed;

    private OutputTail(InputStream in, long limit, Runnable onOverflow) {
        this.in = in;
        this.limit = limit;
        this.onOverflow = onOverflow;
        this.thread = Thread.ofPlatform().daemon().name("sandbox-output").unstarted(this::drain);
    }

    static OutputTail start(InputStream in, long limit, Runnable onOverflow) {
        OutputTail tail = new OutputTail(in, limit, onOverflow);
        tail.thread.start();
        return tail;
    }

    private void drain() {
        byte[] chunk = new byte[CHUNK];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                if (append(chunk, n) > limit) {
                    overflowed = true;
                    onOverflow.run();
                    return;
                }
            }
        } catch (IOException e) {
            // The pipe was closed under us: the process is gone and what we have is the output.
        }
    }

    private synchronized long append(byte[] chunk, int n) {
        for (int i = Math.max(0, n - EXCERPT_BYTES); i < n; i++) {
            ring[(int) ((total + i) % EXCERPT_BYTES)] = chunk[i];
        }
        total += n;
        return total;
    }

    /** Waits for the reader to see the end of the output; false if it is still blocked after {@code grace}. */
    boolean finish(Duration grace) throws InterruptedException {
        return thread.join(grace);
    }

    boolean overflowed() {
        return overflowed;
    }

    /** The kept tail as text; a multi-byte character cut at the start shows as a replacement character. */
    synchronized String text() {
        int kept = (int) Math.min(total, EXCERPT_BYTES);
        byte[] bytes = new byte[kept];
        for (int i = 0; i < kept; i++) {
            bytes[i] = ring[(int) ((total - kept + i) % EXCERPT_BYTES)];
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
