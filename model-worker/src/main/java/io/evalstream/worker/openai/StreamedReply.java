package io.evalstream.worker.openai;

import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import java.util.concurrent.TimeUnit;

/**
 * Builds a reply from the events of one streamed response: the text pieces in order, the moment the first
 * piece arrived, and the usage of the final chunk ({@code stream_options.include_usage}). The stream must
 * end with {@code [DONE]} or at least a finish reason; anything shorter was cut off.
 */
final class StreamedReply {

    private static final String DONE = "[DONE]";

    private final OpenAiApi api;
    private final long sentNanos;
    private final StringBuilder text = new StringBuilder();
    private Long firstTokenMillis;
    private TokenUsage usage;
    private boolean finished;
    private boolean done;

    StreamedReply(OpenAiApi api, long sentNanos) {
        this.api = api;
        this.sentNanos = sentNanos;
    }

    /**
     * Takes one event's data. Returns true once {@code [DONE]} has arrived.
     *
     * @throws ModelCallException MALFORMED_RESPONSE on an event that is not JSON
     */
    boolean accept(String data, long nowNanos) {
        if (done) {
            return true;
        }
        if (data.strip().equals(DONE)) {
            done = true;
            return true;
        }
        OpenAiProtocol.Chunk chunk = OpenAiProtocol.chunk(data, api);
        if (!chunk.text().isEmpty()) {
            if (firstTokenMillis == null) {
                firstTokenMillis = TimeUnit.NANOSECONDS.toMillis(nowNanos - sentNanos);
            }
            text.append(chunk.text());
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        finished |= chunk.finished();
        return false;
    }

    /** The reply once the stream has ended. */
    ModelReply reply(PromptTask task) {
        if (!done && !finished) {
            throw new ModelCallException(ErrorKind.MALFORMED_RESPONSE, "the stream ended before [DONE] or a"
                    + " finish reason (cut off after " + text.length() + " characters)");
        }
        String answer = text.toString();
        TokenUsage counted = usage != null ? usage : ModelReply.withEstimatedUsage(task.prompt(), answer).usage();
        return new ModelReply(answer, counted, firstTokenMillis);
    }
}
