package io.evalstream.reports.analysis;

import io.evalstream.reports.analysis.BenchmarkComparison.Direction;
import java.util.Comparator;
import java.util.List;

/**
 * The seesaw of GPT-Fathom: a new model version that improves significantly on some benchmarks while regressing
 * significantly on others, so that one overall number would hide a regression.
 *
 * @param seesaw whether there is at least one significant gain and at least one significant loss
 * @param gains  the benchmarks where B is significantly better than A, by benchmark id
 * @param losses the benchmarks where B is significantly worse, by benchmark id
 */
public record Seesaw(boolean seesaw, List<Shift> gains, List<Shift> losses) {

    /**
     * @param difference B - A (accuracy or mean score)
     * @param pValue     the verdict p-value adjusted across the benchmarks (see {@link ModelComparison})
     */
    public record Shift(String benchmarkId, double difference, double pValue) {
    }

    public static Seesaw of(List<BenchmarkComparison> comparisons) {
        List<Shift> gains = shifts(comparisons, Direction.GAIN);
        List<Shift> losses = shifts(comparisons, Direction.LOSS);
        return new Seesaw(!gains.isEmpty() && !losses.isEmpty(), gains, losses);
    }

    private static List<Shift> shifts(List<BenchmarkComparison> comparisons, Direction direction) {
        return comparisons.stream().filter(comparison -> comparison.direction() == direction)
                .map(comparison -> new Shift(comparison.benchmarkId(), comparison.estimate().difference(),
                        comparison.adjustedPValue()))
                .sorted(Comparator.comparing(Shift::benchmarkId))
                .toList();
    }
}
