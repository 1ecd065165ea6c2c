package io.evalstream.worker.openai;

/**
 * How many bytes of one model's responses a call reads, counted after decompression, before it gives up with a
 * terminal MALFORMED_RESPONSE: a broken or hostile server (a gzip bomb, an endless line, a 50 MB error page) costs
 * a bounded amount of memory and is not called again for the same task.
 *
 * @param errorBodyBytes  of a 4xx/5xx body: enough to quote the server's message
 * @param bytesPerToken   of a 2xx reply per {@code max_tokens} of the task: a streamed event per token (id, model,
 *                        timestamps: ~250 bytes) with room to spare
 * @param allowanceBytes  of a 2xx reply on top of the per-token share (role, finish and usage events, envelopes)
 * @param ceilingBytes    of a 2xx reply whatever {@code max_tokens} says
 * @param lineBytes       of one server-sent-event line, so a line that never ends cannot grow a buffer
 */
public record ReplyCaps(int errorBodyBytes, int bytesPerToken, long allowanceBytes, long ceilingBytes,
        int lineBytes) {

    /** 4 KiB error bodies; replies of 1 KiB per token + 64 KiB, at most 64 MiB; lines of 1 MiB. */
    public static final ReplyCaps DEFAULTS = new ReplyCaps(4 << 10, 1 << 10, 64 << 10, 64L << 20, 1 << 20);

    public ReplyCaps {
        check(errorBodyBytes >= 256, "error-body", "at least 256 bytes (to show the server's message)",
                errorBodyBytes);
        check(bytesPerToken >= 1, "bytes-per-token", "at least 1", bytesPerToken);
        check(allowanceBytes >= 1024, "reply-allowance", "at least 1 KiB", allowanceBytes);
        check(ceilingBytes >= allowanceBytes, "reply-ceiling", "at least reply-allowance (" + allowanceBytes + ")",
                ceilingBytes);
        check(lineBytes >= 1024, "sse-line", "at least 1 KiB", lineBytes);
    }

    /** The cap of a 2xx reply (whole or streamed) to a task asking for up to {@code maxTokens} tokens. */
    public long replyBytes(int maxTokens) {
        long share = allowanceBytes + (long) bytesPerToken * Math.max(0, maxTokens);
        return Math.min(ceilingBytes, share);
    }

    private static void check(boolean ok, String key, String expected, long actual) {
        if (!ok) {
            throw new IllegalArgumentException("openai.caps." + key + " must be " + expected + ", got " + actual);
        }
    }
}
