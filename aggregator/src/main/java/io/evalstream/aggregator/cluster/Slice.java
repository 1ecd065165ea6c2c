package io.evalstream.aggregator.cluster;

import java.util.List;
import java.util.Map;

/**
 * What one aggregator instance holds of a store, for one run or all: the entries of the partitions it runs as
 * active, and which partitions those are. Slices of every instance add up to the whole store exactly when their
 * partitions do.
 */
public record Slice<V>(List<Integer> partitions, Map<String, V> entries) {

    public Slice {
        partitions = List.copyOf(partitions);
        entries = Map.copyOf(entries);
    }
}
