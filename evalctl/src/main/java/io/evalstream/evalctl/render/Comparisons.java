package io.evalstream.evalctl.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the aggregator's model comparison ({@code GET /runs/{runId}/compare}) for a terminal. */
public final class Comparisons {

    private static final String ROW = "  %-14s %7s %8s %8s %8s  %-17s %8s  %-12s %s%n";

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
        out.append('\n').append(verdict(comparison)).append('\n');
        return out.toString();
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
