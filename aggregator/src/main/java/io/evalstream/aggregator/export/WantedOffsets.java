package io.evalstream.aggregator.export;

import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The grades-topic offsets an export must read, per partition: 8 bytes per task, the only per-task memory an
 * export holds. Filled once, then read sorted.
 */
final class WantedOffsets {

    private final SortedMap<Integer, Offsets> byPartition = new TreeMap<>();
    private long count;

    private static final class Offsets {
        private long[] values = new long[64];
        private int size;
        private boolean sorted = true;

        void add(long offset) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            sorted &= size == 0 || values[size - 1] <= offset;
            values[size++] = offset;
        }

        long[] sorted() {
            if (!sorted || values.length != size) {
                values = Arrays.copyOf(values, size);
                Arrays.sort(values);
                sorted = true;
            }
            return values;
        }
    }

    void add(int partition, long offset) {
        byPartition.computeIfAbsent(partition, p -> new Offsets()).add(offset);
        count++;
    }

    /** Partitions with a wanted offset, ascending. */
    Iterable<Integer> partitions() {
        return byPartition.keySet();
    }

    /** The wanted offsets of one partition, ascending (duplicates kept); empty for a partition with none. */
    long[] offsets(int partition) {
        Offsets offsets = byPartition.get(partition);
        return offsets == null ? new long[0] : offsets.sorted();
    }

    long count() {
        return count;
    }
}
