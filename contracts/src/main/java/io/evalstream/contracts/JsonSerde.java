package io.evalstream.contracts;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde over {@link WireFormat}, for topics whose records were already validated (Kafka Streams
 * internal topics, metrics). Topics fed by outside producers are read as bytes and decoded explicitly,
 * so that an invalid record can be dead-lettered instead of failing the consumer.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final WireFormat<T> format;

    public JsonSerde(Class<T> type) {
        this(WireFormat.of(type));
    }

    public JsonSerde(WireFormat<T> format) {
        this.format = format;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : format.encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            return switch (format.decode(bytes)) {
                case Decoded.Valid<T> valid -> valid.value();
                case Decoded.Invalid<T> invalid -> throw new SerializationException(
                        "record on " + topic + " is invalid: " + invalid.reason());
            };
        };
    }
}
