package io.evalstream.evalctl.render;

import io.evalstream.reports.analysis.BenchmarkComparison;
import io.evalstream.reports.analysis.ModelComparison;
import io.evalstream.reports.analysis.PairedDifference;
import io.evalstream.reports.analysis.Power;
import io.evalstream.reports.analysis.Seesaw;
import io.evalstream.reports.scoring.ClusteredMean;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders the aggregator's model comparison ({@code GET /runs/{runId}/compare}, read into {@link ModelComparison}) for
 * a terminal. Parts an older aggregator leaves out (the clustered difference, the power, the correction) read as
 * {@code -} or are not mentioned.
 */
public final class Comparisons {

    private static final String ROW = "  %-14s %7s %8s %8s %8s  %-17s %8s  %-12s %s%n";
    private static final String CLUSTERED_ROW = "  %-14s %7s %7s %9s %9s %7s  %-17s %8s %8s%n";
    private static final String POWER_ROW = "  %-14s %7s %11s %13s%n";

    private Comparisons() {
    }

    public static boolean seesaw(ModelComparison comparison) {
        return comparison.seesaw() != null && comparison.seesaw().seesaw();
    }

    /** Benchmarks where B is significantly worse than A. */
    public static List<String> losses(ModelComparison comparison) {
        return comparison.seesaw() == null ? List.of() : ids(comparison.seesaw().losses());
    }

    private static List<String> gains(ModelComparison comparison) {
        return comparison.seesaw() == null ? List.of() : ids(comparison.seesaw().gains());
    }

    private static List<String> ids(List<Seesaw.Shift> shifts) {
        return shifts == null ? List.of() : shifts.stream().map(Seesaw.Shift::benchmarkId).toList();
    }

    /** A heading naming both sides, one row per benchmark, and the seesaw verdict. */
    public static String table(ModelComparison comparison) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "B = %s against A = %s, paired per"
                + " sample, alpha %s%n", side(comparison.b()), side(comparison.a()), comparison.alpha()));
        out.append(String.format(Locale.ROOT, ROW, "benchmark", "pairs", "A", "B", "B - A", "95% CI of B - A",
                "p", "test", ""));
        out.append("  ").append("-".repeat(96)).append('\n');
        for (BenchmarkComparison benchmark : benchmarks(comparison)) {
            BenchmarkComparison.Estimate estimate = benchmark.estimate();
            BenchmarkComparison.PairedTest test = benchmark.test();
            out.append(String.format(Locale.ROOT, ROW, benchmark.benchmarkId(), pairs(benchmark),
                    percent(estimate.scoreA()), percent(estimate.scoreB()), points(estimate.difference()),
                    interval(estimate.ci95Low(), estimate.ci95High()), pValue(test.pValue()), method(test.method()),
                    direction(benchmark)));
        }
        out.append('\n').append(clustered(comparison));
        String correction = correction(comparison);
        out.append('\n').append(verdict(comparison)).append(correction.isEmpty() ? "" : " " + correction).append('\n');
        return out.toString();
    }

    /**
     * B - A per benchmark with its naive and clustered standard errors (Miller 2024): the samples and variants of one
     * item, or of one subset, are not independent, and the design effect says how much that widens the interval.
     */
    static String clustered(ModelComparison comparison) {
        String by = comparison.clusterBy() == null ? "item" : comparison.clusterBy().name().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Clustered by %s (Miller 2024, \"Adding"
                + " Error Bars to Evals\"); SE and interval in points%n", by));
        out.append(String.format(Locale.ROOT, CLUSTERED_ROW, "benchmark", "pairs", "items", "SE naive", "SE clust",
                "deff", "95% CI clustered", "p clust", "p adj"));
        for (BenchmarkComparison benchmark : benchmarks(comparison)) {
            Optional<PairedDifference> clustered = Optional.ofNullable(benchmark.clustered());
            Optional<ClusteredMean> mean = clusteredMean(benchmark);
            out.append(String.format(Locale.ROOT, CLUSTERED_ROW, benchmark.benchmarkId(), pairs(benchmark),
                    count(mean.map(ClusteredMean::clusters).orElse(null)),
                    scaled(mean.map(ClusteredMean::naiveSe).orElse(null)),
                    scaled(mean.map(ClusteredMean::clusteredSe).orElse(null)),
                    ratio(mean.map(ClusteredMean::designEffect).orElse(null)),
                    interval(clustered.map(PairedDifference::ci95Low).orElse(null),
                            clustered.map(PairedDifference::ci95High).orElse(null)),
                    pValue(clustered.map(PairedDifference::pValue).orElse(null)), pValue(benchmark.adjustedPValue())));
        }
        return out.toString();
    }

    /** What each benchmark can detect at the comparison's alpha and the asked power, and the items needed. */
    public static String power(ModelComparison comparison) {
        Optional<Power> first = benchmarks(comparison).stream().map(BenchmarkComparison::power)
                .filter(Objects::nonNull).findFirst();
        Double forDifference = first.map(Power::forDifference).orElse(null);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nPower at alpha %s and %s%%: the"
                + " smallest |B - A| each benchmark detects%s (Miller 2024, clustered)%n",
                comparison.alpha(), figure(100 * first.map(Power::power).orElse(Power.DEFAULT_POWER)),
                forDifference == null ? "" : ", and the items needed for " + points(forDifference) + " points"));
        out.append(String.format(Locale.ROOT, POWER_ROW, "benchmark", "items", "detectable", "items needed"));
        for (BenchmarkComparison benchmark : benchmarks(comparison)) {
            Optional<Power> power = Optional.ofNullable(benchmark.power());
            out.append(String.format(Locale.ROOT, POWER_ROW, benchmark.benchmarkId(),
                    count(clusteredMean(benchmark).map(ClusteredMean::clusters).orElse(null)),
                    scaled(power.map(Power::minimumDetectable).orElse(null)),
                    count(power.map(Power::itemsNeeded).orElse(null))));
        }
        return out.toString();
    }

    private static List<BenchmarkComparison> benchmarks(ModelComparison comparison) {
        return comparison.benchmarks() == null ? List.of() : comparison.benchmarks();
    }

    private static Optional<ClusteredMean> clusteredMean(BenchmarkComparison benchmark) {
        return Optional.ofNullable(benchmark.clustered()).map(PairedDifference::difference);
    }

    private static String pairs(BenchmarkComparison benchmark) {
        return benchmark.pairing() == null ? "" : String.valueOf(benchmark.pairing().pairs());
    }

    private static String correction(ModelComparison comparison) {
        long tested = benchmarks(comparison).stream().filter(benchmark -> benchmark.adjustedPValue() != null).count();
        if (comparison.correction() == null) {
            return "";
        }
        return switch (comparison.correction()) {
            case HOLM -> "(p-values Holm-adjusted across " + tested + " benchmarks: family-wise error alpha.)";
            case BENJAMINI_HOCHBERG -> "(p-values Benjamini-Hochberg-adjusted across " + tested
                    + " benchmarks: false discovery rate alpha.)";
            case NONE -> "(p-values not adjusted across benchmarks.)";
        };
    }

    private static String verdict(ModelComparison comparison) {
        List<String> gains = gains(comparison);
        List<String> losses = losses(comparison);
        if (seesaw(comparison)) {
            return "SEESAW: B gains on " + String.join(", ", gains) + " and loses on " + String.join(", ", losses)
                    + "; one overall number would hide the regression.";
        }
        if (!losses.isEmpty()) {
            return "B is significantly worse on " + String.join(", ", losses) + " and better on none.";
        }
        if (!gains.isEmpty()) {
            return "B is significantly better on " + String.join(", ", gains) + " and worse on none.";
        }
        return "No significant difference on any benchmark.";
    }

    private static String side(ModelComparison.Side side) {
        return side.modelId() + " (run " + side.runId() + ")";
    }

    private static String count(Long value) {
        return value == null ? "-" : value.toString();
    }

    private static String scaled(Double value) {
        return value == null ? "-" : figure(100 * value);
    }

    private static String ratio(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String figure(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
    }

    private static String points(Double difference) {
        return difference == null ? "-" : String.format(Locale.ROOT, "%+.1f", 100 * difference);
    }

    private static String interval(Double low, Double high) {
        return low != null && high != null ? "[" + points(low) + ", " + points(high) + "]" : "-";
    }

    private static String pValue(Double p) {
        if (p == null) {
            return "-";
        }
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    private static String direction(BenchmarkComparison benchmark) {
        BenchmarkComparison.Direction direction = benchmark.decision() == null ? null : benchmark.direction();
        return direction == null || direction == BenchmarkComparison.Direction.NONE ? "" : direction.name();
    }

    private static String method(BenchmarkComparison.Method method) {
        return switch (method) {
            case MCNEMAR_EXACT -> "McNemar exact";
            case MCNEMAR_CHI_SQUARE -> "McNemar chi2";
            case PAIRED_T -> "paired t";
            case NONE -> "-";
        };
    }
}
