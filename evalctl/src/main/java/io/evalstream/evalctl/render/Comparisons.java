package io.evalstream.evalctl.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the aggregator's model comparison ({@code GET /runs/{runId}/compare}) for a terminal. */
public final class Comparisons {

    private static final String ROW = "  %-14s %7s %8s %8s %8s  %-17s %8s  %-12s %s%n";
    private static final String CLUSTERED_ROW = "  %-14s %7s %7s %9s %9s %7s  %-17s %8s %8s%n";
    private static final String POWER_ROW = "  %-14s %7s %11s %13s%n";

    private Comparisons() {
    }

    public static boolean seesaw(JsonNode comparison) {
        return comparison.path("seesaw").path("seesaw").asBoolean();
    }

    /** Benchmarks where B is significantly worse than A. */
    public static List<String> losses(JsonNode comparison) {
        List<String> losses = new ArrayList<>();
        comparison.path("seesaw").path("losses").forEach(shift -> losses.add(shift.path("benchmarkId").asText()));
        return losses;
    }

    /** A heading naming both sides, one row per benchmark, and the seesaw verdict. */
    public static String table(JsonNode comparison) {
        JsonNode a = comparison.path("a");
        JsonNode b = comparison.path("b");
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "B = %s against A = %s, paired per"
                + " sample, alpha %s%n", side(b), side(a), comparison.path("alpha").asText()));
        out.append(String.format(Locale.ROOT, ROW, "benchmark", "pairs", "A", "B", "B - A", "95% CI of B - A",
                "p", "test", ""));
        out.append("  ").append("-".repeat(96)).append('\n');
        for (JsonNode benchmark : comparison.path("benchmarks")) {
            JsonNode estimate = benchmark.path("estimate");
            JsonNode test = benchmark.path("test");
            out.append(String.format(Locale.ROOT, ROW, benchmark.path("benchmarkId").asText(),
                    benchmark.path("pairing").path("pairs").asText(), percent(estimate.path("scoreA")),
                    percent(estimate.path("scoreB")), points(estimate.path("difference")),
                    interval(estimate.path("ci95Low"), estimate.path("ci95High")), pValue(test.path("pValue")),
                    method(test.path("method").asText()), direction(benchmark.path("direction").asText())));
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
    static String clustered(JsonNode comparison) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Clustered by %s (Miller 2024, \"Adding"
                + " Error Bars to Evals\"); SE and interval in points%n",
                comparison.path("clusterBy").asText("item").toLowerCase(Locale.ROOT)));
        out.append(String.format(Locale.ROOT, CLUSTERED_ROW, "benchmark", "pairs", "items", "SE naive", "SE clust",
                "deff", "95% CI clustered", "p clust", "p adj"));
        for (JsonNode benchmark : comparison.path("benchmarks")) {
            JsonNode clustered = benchmark.path("clustered");
            JsonNode mean = clustered.path("difference");
            out.append(String.format(Locale.ROOT, CLUSTERED_ROW, benchmark.path("benchmarkId").asText(),
                    benchmark.path("pairing").path("pairs").asText(), count(mean.path("clusters")),
                    scaled(mean.path("naiveSe")), scaled(mean.path("clusteredSe")), ratio(mean.path("designEffect")),
                    interval(clustered.path("ci95Low"), clustered.path("ci95High")), pValue(clustered.path("pValue")),
                    pValue(benchmark.path("adjustedPValue"))));
        }
        return out.toString();
    }

    /** What each benchmark can detect at the comparison's alpha and the asked power, and the items needed. */
    public static String power(JsonNode comparison) {
        JsonNode first = firstPower(comparison);
        Double forDifference = first.path("forDifference").isNumber() ? first.path("forDifference").asDouble() : null;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nPower at alpha %s and %s%%: the"
                + " smallest |B - A| each benchmark detects%s (Miller 2024, clustered)%n",
                comparison.path("alpha").asText(), figure(100 * first.path("power").asDouble(0.8)),
                forDifference == null ? "" : ", and the items needed for " + points(first.path("forDifference"))
                        + " points"));
        out.append(String.format(Locale.ROOT, POWER_ROW, "benchmark", "items", "detectable", "items needed"));
        for (JsonNode benchmark : comparison.path("benchmarks")) {
            JsonNode power = benchmark.path("power");
            out.append(String.format(Locale.ROOT, POWER_ROW, benchmark.path("benchmarkId").asText(),
                    count(benchmark.path("clustered").path("difference").path("clusters")),
                    scaled(power.path("minimumDetectable")), count(power.path("itemsNeeded"))));
        }
        return out.toString();
    }

    private static JsonNode firstPower(JsonNode comparison) {
        for (JsonNode benchmark : comparison.path("benchmarks")) {
            if (benchmark.path("power").isObject()) {
                return benchmark.path("power");
            }
        }
        return Json.mapper().createObjectNode();
    }

    private static String correction(JsonNode comparison) {
        long tested = 0;
        for (JsonNode benchmark : comparison.path("benchmarks")) {
            tested += benchmark.path("adjustedPValue").isNumber() ? 1 : 0;
        }
        return switch (comparison.path("correction").asText("")) {
            case "HOLM" -> "(p-values Holm-adjusted across " + tested + " benchmarks: family-wise error alpha.)";
            case "BENJAMINI_HOCHBERG" -> "(p-values Benjamini-Hochberg-adjusted across " + tested
                    + " benchmarks: false discovery rate alpha.)";
            case "NONE" -> "(p-values not adjusted across benchmarks.)";
            default -> "";
        };
    }

    private static String verdict(JsonNode comparison) {
        List<String> gains = new ArrayList<>();
        comparison.path("seesaw").path("gains").forEach(shift -> gains.add(shift.path("benchmarkId").asText()));
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

    private static String side(JsonNode side) {
        return side.path("modelId").asText() + " (run " + side.path("runId").asText() + ")";
    }

    private static String count(JsonNode value) {
        return value.isNumber() ? value.asText() : "-";
    }

    private static String scaled(JsonNode value) {
        return value.isNumber() ? figure(100 * value.asDouble()) : "-";
    }

    private static String ratio(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.2f", value.asDouble()) : "-";
    }

    private static String figure(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String percent(JsonNode ratio) {
        return ratio.isNumber() ? String.format(Locale.ROOT, "%.1f%%", 100 * ratio.asDouble()) : "-";
    }

    private static String points(JsonNode difference) {
        return difference.isNumber() ? String.format(Locale.ROOT, "%+.1f", 100 * difference.asDouble()) : "-";
    }

    private static String interval(JsonNode low, JsonNode high) {
        return low.isNumber() && high.isNumber() ? "[" + points(low) + ", " + points(high) + "]" : "-";
    }

    private static String pValue(JsonNode p) {
        if (!p.isNumber()) {
            return "-";
        }
        return p.asDouble() < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p.asDouble());
    }

    private static String method(String method) {
        return switch (method) {
            case "MCNEMAR_EXACT" -> "McNemar exact";
            case "MCNEMAR_CHI_SQUARE" -> "McNemar chi2";
            case "PAIRED_T" -> "paired t";
            default -> "-";
        };
    }

    private static String direction(String direction) {
        return "NONE".equals(direction) ? "" : direction;
    }
}
