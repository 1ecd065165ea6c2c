package io.evalstream.evalctl.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/** Reads and renders the aggregator's run report (the JSON of {@code GET /runs/{runId}}). */
public final class Reports {

    private static final int BAR = 24;
    /** A sample reason on a terminal line: enough to tell what went wrong; the report has it whole. */
    // Long enough for the part of a reason that says what to fix (e.g. which binary is missing where).
    private static final int REASON = 160;

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

    /**
     * One line per (model, benchmark): a progress bar, counts, the running accuracy and its anytime-valid 95% interval
     * (a confidence sequence, which stays valid however often the view is redrawn, unlike the final Wilson one).
     */
    public static String progress(JsonNode report) {
        StringBuilder out = new StringBuilder();
        boolean anytime = false;
        for (JsonNode score : report.path("scores")) {
            long graded = score.path("graded").asLong();
            long expected = score.path("expected").asLong();
            int filled = expected == 0 ? 0 : (int) Math.min(BAR, BAR * graded / expected);
            String interval = score.path("judged").asLong() > 0 ? "" : anytime(score.path("anytime95"));
            anytime |= !interval.isEmpty();
            out.append(String.format(Locale.ROOT, "  %-22s %-10s [%s%s] %7d/%-7d %s%s%n",
                    score.path("modelId").asText(), score.path("benchmarkId").asText(),
                    "#".repeat(filled), ".".repeat(BAR - filled), graded, expected, headline(score), interval));
        }
        if (anytime) {
            out.append("  [low, high]: anytime-valid 95% interval of the accuracy, safe to watch and stop on;"
                    + " the report's Wilson interval holds at the final count only\n");
        }
        return out.toString();
    }

    private static String anytime(JsonNode interval) {
        return interval.path("low").isNumber() && interval.path("high").isNumber() ? " [" + percent(
                interval.path("low").asDouble()) + ", " + percent(interval.path("high").asDouble()) + "]" : "";
    }

    /**
     * One line per (benchmark, model, error kind) with errors: the count, the kind and a sample reason, abbreviated,
     * e.g. {@code humaneval sim-strong: 6 UNGRADABLE — code sandbox unavailable: bwrap not found...}; empty when there
     * are no errors.
     */
    public static String errors(JsonNode report) {
        StringBuilder out = new StringBuilder();
        for (JsonNode score : report.path("scores")) {
            JsonNode reasons = score.path("errorReasons");
            score.path("errorKinds").properties().forEach(kind -> {
                JsonNode reason = reasons.path(kind.getKey());
                out.append(String.format(Locale.ROOT, "  %s %s: %d %s%s%n", score.path("benchmarkId").asText(),
                        score.path("modelId").asText(), kind.getValue().asLong(), kind.getKey(),
                        reason.isTextual() ? " — " + Texts.abbreviate(oneLine(reason.asText()), REASON) : ""));
            });
        }
        return out.toString();
    }

    /** ", about N s left" at the run's pace so far; empty while the aggregator cannot tell. */
    /**
     * The run's cost so far from the latest answer of every task: the total over the priced models (each one's share
     * when there are several), then the models without a price, whose cost is unknown, e.g.
     * {@code Cost: $0.0031 (sim-medium $0.0002, sim-strong $0.0029); unknown for 45 tasks of sim-weak, stories260K (no
     * price)}; empty while no task has a cost of either kind.
     */
    public static String cost(JsonNode report) {
        JsonNode cost = report.path("totals").path("cost");
        JsonNode total = cost.path("total");
        if (total.path("priced").asLong() + total.path("unpriced").asLong() == 0) {
            return "";
        }
        List<String> priced = new ArrayList<>();
        List<String> unpriced = new ArrayList<>();
        cost.path("byModel").properties().forEach(model -> {
            if (model.getValue().path("usd").isNumber()) {
                priced.add(model.getKey() + " " + dollars(model.getValue().path("usd")));
            }
            if (model.getValue().path("unpriced").asLong() > 0) {
                unpriced.add(model.getKey());
            }
        });
        StringBuilder line = new StringBuilder("Cost: ");
        line.append(total.path("usd").isNumber() ? dollars(total.path("usd")) : "unknown");
        if (priced.size() > 1) {
            line.append(" (").append(String.join(", ", priced)).append(')');
        }
        if (!unpriced.isEmpty()) {
            line.append(total.path("usd").isNumber() ? "; unknown for " : " for ").append(total.path("unpriced").asLong())
                    .append(" tasks of ").append(String.join(", ", unpriced)).append(" (no price)");
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static String dollars(JsonNode usd) {
        return String.format(Locale.ROOT, "$%.4f", usd.asDouble());
    }

    /** A cost in US dollars, "unknown" without a price, with how many tasks had none. */
    public static String usd(JsonNode cost) {
        JsonNode usd = cost.path("usd");
        long unpriced = cost.path("unpriced").asLong();
        if (!usd.isNumber()) {
            return unpriced > 0 ? "unknown" : "-";
        }
        return unpriced == 0 ? dollars(usd) : dollars(usd) + " + " + unpriced + " unpriced";
    }

    public static String eta(JsonNode report) {
        JsonNode eta = report.path("totals").path("etaSeconds");
        return eta.isNumber() && eta.asDouble() > 0
                ? String.format(Locale.ROOT, ", about %.0f s left", Math.ceil(eta.asDouble())) : "";
    }

    /** Per model: overall, then per category, the mean of the benchmarks' mean scores and its standard error. */
    public static String rollupTable(JsonNode report) {
        StringBuilder out = new StringBuilder();
        TreeSet<String> categories = new TreeSet<>();
        report.path("categories").forEach(rollup -> categories.add(rollup.path("category").asText()));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-14s %-15s", "model", "overall"));
        categories.forEach(category -> header.append(String.format(Locale.ROOT, " %-15s", category.toLowerCase(Locale.ROOT))));
        out.append(header).append('\n');
        for (JsonNode overall : report.path("overall")) {
            String model = overall.path("modelId").asText();
            out.append(String.format(Locale.ROOT, "  %-14s %-15s", model, rollup(overall)));
            for (String category : categories) {
                JsonNode match = report.path("none");
                for (JsonNode rollup : report.path("categories")) {
                    if (model.equals(rollup.path("modelId").asText()) && category.equals(rollup.path("category").asText())) {
                        match = rollup;
                    }
                }
                out.append(String.format(Locale.ROOT, " %-15s", rollup(match)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String rollup(JsonNode rollup) {
        JsonNode mean = rollup.path("benchmarkMean");
        JsonNode stdErr = rollup.path("benchmarkMeanStdErr");
        if (!mean.isNumber()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100 * mean.asDouble())
                + (stdErr.isNumber() ? String.format(Locale.ROOT, " ± %.1f", 100 * stdErr.asDouble()) : "");
    }

    /**
     * The final scoreboard: model x benchmark with accuracy, its 95% Wilson interval, the mean score (above
     * accuracy for partial-credit metrics such as token F1) and counts; below it, the errors by kind with a sample
     * reason ({@link #errors}).
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
        String scorers = scorers(report);
        if (!scorers.isEmpty()) {
            out.append("  Accuracy by each scorer of the benchmarks that declare several (the first is the one above):\n")
                    .append(scorers);
        }
        String errors = errors(report);
        return errors.isEmpty() ? out.toString() : out.append("  Errors by kind:\n").append(errors).toString();
    }

    /** e.g. {@code   sim-weak       gsm8k      flexible 32.5%  strict 25.0%}, one line per cell with scorers. */
    static String scorers(JsonNode report) {
        StringBuilder out = new StringBuilder();
        for (JsonNode score : report.path("scores")) {
            if (score.path("scorers").size() < 2) {
                continue;
            }
            List<String> figures = new ArrayList<>();
            score.path("scorers").forEach(scorer -> figures.add(scorer.path("scorer").asText() + " "
                    + (scorer.path("accuracy").isNumber() ? percent(scorer.path("accuracy").asDouble()) : "-")));
            out.append(String.format(Locale.ROOT, "  %-14s %-10s %s%n", score.path("modelId").asText(),
                    score.path("benchmarkId").asText(), String.join("  ", figures)));
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /**
     * A judged benchmark's table: per model, whether it is a real or a simulated one, the judge's mean score per
     * rubric dimension (1-10) with its standard error, the mean normalized score (0-1; an error scores 0) and
     * the errors (a prompt a real model cannot tokenize ends as one).
     *
     * @param kindOf what a model id is, e.g. {@code REAL gguf} or {@code SIMULATED}
     */
    public static String judgedTable(JsonNode report, String benchmarkId, List<String> dimensions,
            Function<String, String> kindOf) {
        List<JsonNode> scores = new ArrayList<>();
        report.path("scores").forEach(score -> {
            if (benchmarkId.equals(score.path("benchmarkId").asText())) {
                scores.add(score);
            }
        });
        // As wide as the longest kind (REAL openai), so the columns stay aligned.
        int kindWidth = scores.stream().mapToInt(score -> kindOf.apply(score.path("modelId").asText()).length())
                .reduce(10, Math::max);
        String kindColumn = "  %-" + kindWidth + "s";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, kindColumn + " %-22s %9s", "kind", "model",
                "judged"));
        dimensions.forEach(dimension -> out.append(String.format(Locale.ROOT, " %13s", dimension)));
        out.append(String.format(Locale.ROOT, " %15s %7s", "score (0-1)", "errors"));
        out.append('\n').append("  ").append("-".repeat(out.length() - 3)).append('\n');
        for (JsonNode score : scores) {
            String model = score.path("modelId").asText();
            out.append(String.format(Locale.ROOT, kindColumn + " %-22s %4d/%-4d", kindOf.apply(model), model,
                    score.path("judged").asLong(), score.path("expected").asLong()));
            dimensions.forEach(dimension -> out.append(String.format(Locale.ROOT, " %13s",
                    judgeScore(score, dimension))));
            out.append(String.format(Locale.ROOT, " %15s %7d%n", meanWithError(score.path("meanScore"),
                    score.path("meanScoreStdErr"), "%.2f"), score.path("errors").asLong()));
        }
        return out.toString();
    }

    private static String judgeScore(JsonNode score, String dimension) {
        for (JsonNode dimensionScore : score.path("judgeScores")) {
            if (dimension.equals(dimensionScore.path("dimension").asText())) {
                return meanWithError(dimensionScore.path("mean"), dimensionScore.path("stdErr"), "%.1f");
            }
        }
        return "-";
    }

    private static String meanWithError(JsonNode mean, JsonNode stdErr, String format) {
        if (!mean.isNumber()) {
            return "-";
        }
        String text = String.format(Locale.ROOT, format, mean.asDouble());
        return stdErr.isNumber() ? text + " ± " + String.format(Locale.ROOT, format, stdErr.asDouble()) : text;
    }

    /** Accuracy, or for a judged cell the mean normalized judge score. */
    private static String headline(JsonNode score) {
        return score.path("judged").asLong() > 0 && score.path("meanScore").isNumber()
                ? String.format(Locale.ROOT, "judge score %.2f", score.path("meanScore").asDouble())
                : accuracy(score);
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
