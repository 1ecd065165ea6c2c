package io.evalstream.reports.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Adjusted p-values for a family of tests (one per benchmark of a comparison), so "significant on some benchmark" keeps
 * its error rate however many benchmarks there are. An adjusted p-value below alpha is a rejection at level alpha.
 * Both match R's {@code p.adjust}.
 */
public enum MultipleTesting {

    /**
     * Holm 1979, "A simple sequentially rejective multiple test procedure": controls the family-wise error rate (the
     * chance of any false rejection). With p sorted ascending, {@code p~(i) = max_{j <= i} min(1, (m - j + 1) p(j))}.
     */
    HOLM,
    /**
     * Benjamini and Hochberg 1995, "Controlling the false discovery rate": controls the expected share of false
     * rejections among the rejections, for independent or positively dependent tests.
     * {@code p~(i) = min_{j >= i} min(1, m p(j) / j)}.
     */
    BENJAMINI_HOCHBERG,
    /** Each test at its own level: no adjustment. */
    NONE;

    /**
     * @param pValues each in [0, 1]; null entries are tests that could not be run and are left out of the family
     * @return the adjusted p-values in the same order, null where the input is null
     */
    public Double[] adjust(List<Double> pValues) {
        Integer[] order = IntStream.range(0, pValues.size()).filter(i -> pValues.get(i) != null).boxed()
                .sorted(Comparator.comparing(pValues::get)).toArray(Integer[]::new);
        for (Integer i : order) {
            double p = pValues.get(i);
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p-values must be in [0, 1], got " + p);
            }
        }
        Double[] adjusted = new Double[pValues.size()];
        int m = order.length;
        switch (this) {
            case HOLM -> {
                double running = 0;
                for (int rank = 0; rank < m; rank++) {
                    running = Math.max(running, Math.min(1, (m - rank) * pValues.get(order[rank])));
                    adjusted[order[rank]] = running;
                }
            }
            case BENJAMINI_HOCHBERG -> {
                double running = 1;
                for (int rank = m - 1; rank >= 0; rank--) {
                    running = Math.min(running, Math.min(1, m * pValues.get(order[rank]) / (rank + 1)));
                    adjusted[order[rank]] = running;
                }
            }
            case NONE -> Arrays.stream(order).forEach(i -> adjusted[i] = pValues.get(i));
        }
        return adjusted;
    }
}
