package io.evalstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Reads and renders the aggregator's run report (the JSON of {@code GET /runs/{runId}}). */
public final class Reports {

    private static final int BAR = 24;

    private Reports() {
    }

    public static boolean isComplete(JsonNode report) {
        return "COMPLETE".equals(report.path("status").asText());
    }

    public static long graded(JsonNode report) {
        return report.path("totals").path("graded").asLong();
    }

    public static long expected(JsonNode report) {
        return report.path("totals").path("expected").asLong();
    }

    /** The score cell of one model on one benchmark, or a missing node. */
    public static JsonNode cell(JsonNode report, String modelId, String benchmarkId) {
        for (JsonNode score : report.path("scores")) {
            if (modelId.equals(score.path("modelId").asText()) && benchmarkId.equals(score.path("benchmarkId").asText())) {
                return score;
            }
        }
        return report.path("no such cell");
    }

    /** One line per (model, benchmark): a progress bar, counts and the running accuracy. */
    public static String progress(JsonNode report) {
        StringBuilder out = new StringBuilder();
        for (JsonNode score : report.path("scores")) {
            long graded = score.path("graded").asLong();
            long expected = score.path("expected").asLong();
            int filled = expected == 0 ? 0 : (int) Math.min(BAR, BAR * graded / expected);
            out.append(String.format(Locale.ROOT, "  %-14s %-10s [%s%s] %7d/%-7d %s%n",
                    score.path("modelId").asText(), score.path("benchmarkId").asText(),
                    "#".repeat(filled), ".".repeat(BAR - filled), graded, expected, accuracy(score)));
        }
        return out.toString();
    }

    /**
     * The final scoreboard: model x benchmark with accuracy, its 95% Wilson interval, the mean score (above
     * accuracy for partial-credit metrics such as token F1) and counts.
     */
    public static String table(JsonNode report) {
        StringBuilder out = new StringBuilder();
        String format = "  %-14s %-10s %9s  %-17s %11s %8s %7s %7s%n";
        out.append(String.format(Locale.ROOT, format, "model", "benchmark", "accuracy", "95% CI (Wilson)",
                "mean score", "correct", "graded", "errors"));
        out.append("  ").append("-".repeat(92)).append('\n');
        for (JsonNode score : report.path("scores")) {
            JsonNode mean = score.path("meanScore");
            out.append(String.format(Locale.ROOT, format, score.path("modelId").asText(),
                    score.path("benchmarkId").asText(), accuracy(score), interval(score),
                    mean.isNumber() ? percent(mean.asDouble()) : "-", score.path("correct").asLong(),
                    score.path("graded").asLong(), score.path("errors").asLong()));
        }
        return out.toString();
    }

    private static String accuracy(JsonNode score) {
        JsonNode accuracy = score.path("accuracy");
        return accuracy.isNumber() ? percent(accuracy.asDouble()) : "-";
    }

    private static String interval(JsonNode score) {
        JsonNode low = score.path("ci95Low");
        JsonNode high = score.path("ci95High");
        return low.isNumber() && high.isNumber() ? "[" + percent(low.asDouble()) + ", " + percent(high.asDouble()) + "]"
                : "-";
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
    }
}
