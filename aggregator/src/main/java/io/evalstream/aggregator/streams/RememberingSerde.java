package io.evalstream.aggregator.streams;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde of immutable values that remembers, per thread, the last values it wrote with their bytes, and reads
 * bytes equal to remembered ones as that value instead of decoding them again. Kafka Streams' record cache keeps
 * bytes, so an aggregate store decodes for every update the value it encoded at the previous update of the same key:
 * for the tally store that decode was a fifth of the aggregator's stream thread. Equal bytes decode to an equal
 * value, and the values are immutable, so handing out the remembered instance is the same as decoding.
 */
final class RememberingSerde<T> implements Serde<T> {

    private final Serde<T> inner;
    private final ThreadLocal<Recent<T>> recent;

    /** {@code capacity}: values remembered per thread, e.g. the cells one stream thread updates at a time. */
    RememberingSerde(Serde<T> inner, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.inner = inner;
        this.recent = ThreadLocal.withInitial(() -> new Recent<>(capacity));
    }

    @Override
    public Serializer<T> serializer() {
        Serializer<T> encoder = inner.serializer();
        return (topic, value) -> {
            byte[] bytes = encoder.serialize(topic, value);
            if (value != null && bytes != null) {
                // A copy: the caller owns the array it is given.
                recent.get().put(new Bytes(bytes.clone()), value);
            }
            return bytes;
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        Deserializer<T> decoder = inner.deserializer();
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            T known = recent.get().get(new Bytes(bytes));
            return known != null ? known : decoder.deserialize(topic, bytes);
        };
    }

    /** Bytes compared by content. */
    private record Bytes(byte[] content, int hash) {

        Bytes(byte[] content) {
            this(content, Arrays.hashCode(content));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes that && hash == that.hash && Arrays.equals(content, that.content);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The most recently written values, the least recently used forgotten first. */
    private static final class Recent<T> extends LinkedHashMap<Bytes, T> {

        private final int capacity;

        Recent(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes, T> eldest) {
            return size() > capacity;
        }
    }
}
