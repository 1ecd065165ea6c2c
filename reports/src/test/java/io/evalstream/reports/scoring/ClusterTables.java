package io.evalstream.reports.scoring;

import java.util.Arrays;
import java.util.List;

/** Clustered values written as text for table tests: "1 1 | 0 0" is two clusters of two values each. */
public final class ClusterTables {

    private ClusterTables() {
    }

    /** One {@link Moments} per cluster; clusters are separated by bars, values by spaces. */
    public static List<Moments> of(String table) {
        return Arrays.stream(table.split("\\|")).map(cluster -> Arrays.stream(cluster.trim().split("\\s+"))
                .mapToDouble(Double::parseDouble).boxed().reduce(Moments.EMPTY, Moments::add, Moments::plus))
                .toList();
    }
}
