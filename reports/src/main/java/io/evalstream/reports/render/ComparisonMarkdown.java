package io.evalstream.reports.render;

import io.evalstream.reports.analysis.BenchmarkComparison;
import io.evalstream.reports.analysis.BenchmarkComparison.Direction;
import io.evalstream.reports.analysis.ModelComparison;
import io.evalstream.reports.analysis.ModelComparison.Side;
import io.evalstream.reports.analysis.MultipleTesting;
import io.evalstream.reports.analysis.PairedDifference;
import io.evalstream.reports.analysis.Power;
import io.evalstream.reports.scoring.ClusteredMean;
import java.util.List;
import java.util.Locale;

/**
 * A model comparison as GitHub-flavoured Markdown: how it was tested (level, correction, clustering), the verdict,
 * then one row per benchmark with the paired test, the clustered difference and the power.
 */
public final class ComparisonMarkdown {

    private static final List<String> COLUMNS = List.of("Benchmark", "Pairs", "A", "B", "B - A [95% CI]", "Test",
            "p", "Clusters", "SE naive", "SE clustered", "Design effect", "B - A clustered [95% CI]", "p clustered",
            "p adjusted", "Direction", "Detectable", "Items needed");

    private ComparisonMarkdown() {
    }

    public static String render(ModelComparison comparison) {
        StringBuilder out = new StringBuilder("# ").append(escape(side(comparison.b()) + " against "
                + side(comparison.a()))).append("\n\n");
        fact(out, "Significance level", comparison.alpha() + " per benchmark; " + correction(comparison));
        fact(out, "Clustering", "by " + comparison.clusterBy().name().toLowerCase(Locale.ROOT)
                + (comparison.declaredClusters().isEmpty() ? ""
                        : "; as declared by " + String.join(", ", comparison.declaredClusters()))
                + " (Miller 2024, \"Adding Error Bars to Evals\")");
        fact(out, "Verdict", verdict(comparison));
        out.append('\n');
        MarkdownReport.row(out, COLUMNS);
        out.append('|').append("---|".repeat(COLUMNS.size())).append('\n');
        comparison.benchmarks().forEach(benchmark -> MarkdownReport.row(out, cells(benchmark)));
        return out.toString();
    }

    private static List<String> cells(BenchmarkComparison c) {
        BenchmarkComparison.Estimate e = c.estimate();
        PairedDifference clustered = c.clustered();
        ClusteredMean d = clustered == null ? null : clustered.difference();
        Power power = c.power();
        return List.of(c.benchmarkId(), String.valueOf(c.pairing().pairs()), Figures.percent(e.scoreA()),
                Figures.percent(e.scoreB()), points(e.difference()) + " " + interval(e.ci95Low(), e.ci95High()),
                c.test().method().name(), p(c.test().pValue()),
                d == null ? Figures.NONE : String.valueOf(d.clusters()), d == null ? Figures.NONE : size(d.naiveSe()),
                d == null ? Figures.NONE : size(d.clusteredSe()), d == null ? Figures.NONE
                        : Figures.decimal(d.designEffect(), 2),
                clustered == null ? Figures.NONE : interval(clustered.ci95Low(), clustered.ci95High()),
                clustered == null ? Figures.NONE : p(clustered.pValue()),
                p(c.adjustedPValue()), c.direction() == Direction.NONE ? "" : c.direction().name(),
                power == null ? Figures.NONE : size(power.minimumDetectable()) + " at "
                        + Math.round(100 * power.power()) + "% power",
                power == null || power.itemsNeeded() == null ? Figures.NONE
                        : power.itemsNeeded() + " for " + points(power.forDifference()));
    }

    private static String correction(ModelComparison comparison) {
        return comparison.correction() == MultipleTesting.NONE ? "p-values not adjusted across benchmarks"
                : "p-values adjusted across benchmarks by " + (comparison.correction() == MultipleTesting.HOLM
                        ? "Holm 1979 (family-wise error)" : "Benjamini-Hochberg 1995 (false discovery rate)");
    }

    private static String verdict(ModelComparison comparison) {
        List<String> gains = comparison.seesaw().gains().stream().map(shift -> shift.benchmarkId()).toList();
        List<String> losses = comparison.seesaw().losses().stream().map(shift -> shift.benchmarkId()).toList();
        if (comparison.seesaw().seesaw()) {
            return "SEESAW: B gains on " + String.join(", ", gains) + " and loses on " + String.join(", ", losses);
        }
        return !losses.isEmpty() ? "B is significantly worse on " + String.join(", ", losses)
                : !gains.isEmpty() ? "B is significantly better on " + String.join(", ", gains)
                : "no significant difference on any benchmark";
    }

    private static String side(Side side) {
        return side.modelId() + " (run " + side.runId() + ")";
    }

    /** A fraction as signed points, e.g. +4.2. */
    private static String points(Double fraction) {
        return fraction == null ? Figures.NONE : String.format(Locale.ROOT, "%+.1f", 100 * fraction);
    }

    /** A standard error or detectable difference in points, unsigned. */
    private static String size(Double fraction) {
        return fraction == null ? Figures.NONE : String.format(Locale.ROOT, "%.1f", 100 * fraction);
    }

    private static String p(Double p) {
        return p == null ? Figures.NONE : p < 0.0001 ? "<0.0001" : Figures.decimal(p, 4);
    }

    private static String interval(Double low, Double high) {
        return low == null || high == null ? Figures.NONE : "[" + points(low) + ", " + points(high) + "]";
    }

    private static void fact(StringBuilder out, String label, String value) {
        out.append("- **").append(escape(label)).append(":** ").append(escape(value)).append('\n');
    }

    private static String escape(String text) {
        return MarkdownReport.escape(text);
    }
}
