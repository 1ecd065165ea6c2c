package io.evalstream.worker.openai.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * How a batch-lane model collects its tasks into batches and watches them. A batch is sent when it holds
 * {@code maxRequests} tasks, when its input file would pass {@code maxBytes}, or {@code maxWait} after its first task,
 * whichever comes first.
 *
 * @param maxRequests      at most the Batch API's 50,000 requests per batch
 * @param maxBytes         input file bytes, at most the Batch API's 200 MB
 * @param pollInterval     between two status requests of a batch in flight
 * @param completionWindow sent to the provider ({@code 24h} is what OpenAI offers)
 */
public record BatchSettings(int maxRequests, long maxBytes, Duration maxWait, Duration pollInterval,
        String completionWindow) {

    public static final int MAX_REQUESTS = 50_000;
    public static final long MAX_BYTES = 200_000_000L;

    public BatchSettings {
        if (maxRequests < 1 || maxRequests > MAX_REQUESTS) {
            throw new IllegalArgumentException("batching.max-requests must be between 1 and " + MAX_REQUESTS
                    + " (the Batch API's limit), got " + maxRequests);
        }
        if (maxBytes < 1 || maxBytes > MAX_BYTES) {
            throw new IllegalArgumentException("batching.max-bytes must be between 1 and " + MAX_BYTES
                    + " (the Batch API's 200 MB), got " + maxBytes);
        }
        positive(maxWait, "batching.max-wait");
        positive(pollInterval, "batching.poll-interval");
        Objects.requireNonNull(completionWindow, "completionWindow");
        window(completionWindow);
    }

    /** The completion window as a duration. */
    public Duration window() {
        return window(completionWindow);
    }

    /** {@code 24h} is 24 hours: the Batch API writes its windows in hours. */
    private static Duration window(String completionWindow) {
        String hours = completionWindow.strip();
        if (!hours.matches("[0-9]{1,4}h") || hours.startsWith("0")) {
            throw new IllegalArgumentException("batching.completion-window must be hours such as 24h, got '"
                    + completionWindow + "'");
        }
        return Duration.ofHours(Long.parseLong(hours.substring(0, hours.length() - 1)));
    }

    private static void positive(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }
}
