package io.evalstream.aggregator.streams;

import io.evalstream.contracts.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** The headers SmallRye's dead-letter strategy writes, so every service's dead letters look the same. */
final class DeadLetterHeaders {

    private DeadLetterHeaders() {
    }

    /** A copy of {@code original} with the reason and the source topic, partition and offset as UTF-8 text. */
    static Headers of(Headers original, String reason, RecordMetadata source) {
        Headers headers = new RecordHeaders(original.toArray());
        put(headers, DeadLetter.REASON, reason);
        put(headers, DeadLetter.TOPIC, source.topic());
        put(headers, DeadLetter.PARTITION, Integer.toString(source.partition()));
        put(headers, DeadLetter.OFFSET, Long.toString(source.offset()));
        return headers;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
