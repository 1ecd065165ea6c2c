package io.evalstream.aggregator.streams;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/** The entries of every partition of a store, one partition's iterator open at a time. */
final class PartitionScan<V> implements AutoCloseable {

    private final int partitions;
    private final IntFunction<KeyValueIterator<String, V>> open;
    private KeyValueIterator<String, V> current;
    private int next;

    PartitionScan(int partitions, IntFunction<KeyValueIterator<String, V>> open) {
        this.partitions = partitions;
        this.open = open;
    }

    /** The non-null entries mapped by {@code mapper}; iterate once. */
    <T> Iterator<T> map(BiFunction<String, V, T> mapper) {
        return new Iterator<>() {
            private KeyValue<String, V> ahead;

            @Override
            public boolean hasNext() {
                while (ahead == null) {
                    while (current == null || !current.hasNext()) {
                        if (next == partitions) {
                            close();
                            return false;
                        }
                        close();
                        current = open.apply(next++);
                    }
                    KeyValue<String, V> entry = current.next();
                    ahead = entry.value == null ? null : entry;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                KeyValue<String, V> entry = ahead;
                ahead = null;
                return mapper.apply(entry.key, entry.value);
            }
        };
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
