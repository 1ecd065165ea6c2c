package io.evalstream.producer.dataset;

import java.util.ArrayList;
import java.util.List;

/** Interleaves groups so that any prefix of the result draws evenly from every group. */
public final class RoundRobin {

    private RoundRobin() {
    }

    /** First element of each group in group order, then every second element, and so on; shorter groups drop out. */
    public static <T> List<T> interleave(List<? extends List<? extends T>> groups) {
        int longest = groups.stream().mapToInt(List::size).max().orElse(0);
        List<T> result = new ArrayList<>(groups.stream().mapToInt(List::size).sum());
        for (int row = 0; row < longest; row++) {
            for (List<? extends T> group : groups) {
                if (row < group.size()) {
                    result.add(group.get(row));
                }
            }
        }
        return List.copyOf(result);
    }
}
