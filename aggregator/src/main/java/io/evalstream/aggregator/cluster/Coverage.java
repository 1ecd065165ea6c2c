package io.evalstream.aggregator.cluster;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Adds the slices of every instance up to a whole store, or refuses: a partition nobody answered for (an instance
 * died or is restoring it) or two answered for (it moved between their answers) would make a report partial or
 * double-counted, so the caller gets "try again" (503) instead.
 */
public final class Coverage {

    private Coverage() {
    }

    /** @throws Incomplete unless every partition in [0, partitions) is covered by exactly one slice */
    public static <V> Map<String, V> merge(int partitions, List<Slice<V>> slices) {
        BitSet seen = new BitSet(partitions);
        TreeSet<Integer> twice = new TreeSet<>();
        Map<String, V> whole = new HashMap<>();
        for (Slice<V> slice : slices) {
            for (int partition : slice.partitions()) {
                if (seen.get(partition)) {
                    twice.add(partition);
                }
                seen.set(partition);
            }
            whole.putAll(slice.entries());
        }
        TreeSet<Integer> missing = new TreeSet<>();
        for (int partition = 0; partition < partitions; partition++) {
            if (!seen.get(partition)) {
                missing.add(partition);
            }
        }
        if (!missing.isEmpty() || !twice.isEmpty()) {
            throw new Incomplete((missing.isEmpty() ? "" : "partitions " + missing + " have no active instance")
                    + (missing.isEmpty() || twice.isEmpty() ? "" : " and ")
                    + (twice.isEmpty() ? "" : "partitions " + twice + " are moving between instances")
                    + " (an instance is starting, restoring or has failed over)");
        }
        return whole;
    }

    /** The instances' answers do not add up to a whole one yet: answered with 503 and Retry-After. */
    public static final class Incomplete extends InvalidStateStoreException {

        public Incomplete(String message) {
            super(message);
        }
    }
}
