package io.evalstream.evalctl.render;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Cost;
import io.evalstream.contracts.Estimate;
import io.evalstream.contracts.ScorerScore;
import io.evalstream.contracts.Texts;
import io.evalstream.reports.render.Figures;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.RollupScore;
import io.evalstream.reports.scoring.RunCost;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.reports.scoring.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/** Renders the aggregator's run report ({@code GET /runs/{runId}}, read with the shared records) on a terminal. */
public final class Reports {

    private static final int BAR = 24;
    /** A sample reason on a terminal line: enough to tell what went wrong; the report has it whole. */
    // Long enough for the part of a reason that says what to fix (e.g. which binary is missing where).
    private static final int REASON = 160;

    private Reports() {
    }

    public static boolean isComplete(RunReport report) {
        return report.status() == RunStatus.COMPLETE;
    }

    public static long graded(RunReport report) {
        return report.totals().grading().graded();
    }

    public static long expected(RunReport report) {
        return report.totals().grading().expected();
    }

    /** The score cell of one model on one benchmark. */
    public static Optional<BenchmarkScore> cell(RunReport report, String modelId, String benchmarkId) {
        return cell(report.scores(), modelId, benchmarkId);
    }

    public static Optional<BenchmarkScore> cell(FullRunReport report, String modelId, String benchmarkId) {
        return cell(report.scores(), modelId, benchmarkId);
    }

    private static Optional<BenchmarkScore> cell(List<BenchmarkScore> scores, String modelId, String benchmarkId) {
        return scores.stream().filter(score -> modelId.equals(score.cell().modelId())
                && benchmarkId.equals(score.cell().benchmarkId())).findFirst();
    }

    /**
     * One line per (model, benchmark): a progress bar, counts, the running accuracy and its anytime-valid 95% interval
     * (a confidence sequence, which stays valid however often the view is redrawn, unlike the final Wilson one).
     */
    public static String progress(RunReport report) {
        StringBuilder out = new StringBuilder();
        boolean anytime = false;
        for (BenchmarkScore score : report.scores()) {
            long graded = score.graded();
            long expected = score.grading().expected();
            int filled = expected == 0 ? 0 : (int) Math.min(BAR, BAR * graded / expected);
            String interval = score.counts().judged() > 0 || score.detail().anytime95() == null ? ""
                    : " [" + Figures.percent(score.detail().anytime95().low()) + ", "
                    + Figures.percent(score.detail().anytime95().high()) + "]";
            anytime |= !interval.isEmpty();
            out.append(String.format(Locale.ROOT, "  %-22s %-10s [%s%s] %7d/%-7d %s%s%n", score.cell().modelId(),
                    score.cell().benchmarkId(), "#".repeat(filled), ".".repeat(BAR - filled), graded, expected,
                    headline(score), interval));
        }
        if (anytime) {
            out.append("  [low, high]: anytime-valid 95% interval of the accuracy, safe to watch and stop on;"
                    + " the report's Wilson interval holds at the final count only\n");
        }
        return out.toString();
    }

    /**
     * One line per (benchmark, model, error kind) with errors: the count, the kind and a sample reason, abbreviated,
     * e.g. {@code humaneval sim-strong: 6 UNGRADABLE — code sandbox unavailable: bwrap not found...}; empty when there
     * are no errors.
     */
    public static String errors(RunReport report) {
        StringBuilder out = new StringBuilder();
        for (BenchmarkScore score : report.scores()) {
            CallStats calls = score.calls();
            calls.errorKinds().forEach((kind, count) -> {
                String reason = calls.errorReasons().get(kind);
                out.append(String.format(Locale.ROOT, "  %s %s: %d %s%s%n", score.cell().benchmarkId(),
                        score.cell().modelId(), count, kind.name(),
                        reason == null ? "" : " — " + Texts.abbreviate(oneLine(reason), REASON)));
            });
        }
        return out.toString();
    }

    /**
     * The run's cost so far from the latest answer of every task: the total over the priced models (each one's share
     * when there are several), then the models without a price, whose cost is unknown, e.g.
     * {@code Cost: $0.0031 (sim-medium $0.0002, sim-strong $0.0029); unknown for 45 tasks of sim-weak, stories260K (no
     * price)}; empty while no task has a cost of either kind.
     */
    public static String cost(RunReport report) {
        RunCost cost = report.totals().cost();
        Cost total = cost.total();
        if (total.priced() + total.unpriced() == 0) {
            return "";
        }
        List<String> priced = new ArrayList<>();
        List<String> unpriced = new ArrayList<>();
        cost.byModel().forEach((model, modelCost) -> {
            if (modelCost.usd() != null) {
                priced.add(model + " " + Figures.usd(modelCost.usd()));
            }
            if (modelCost.unpriced() > 0) {
                unpriced.add(model);
            }
        });
        StringBuilder line = new StringBuilder("Cost: ");
        line.append(total.usd() != null ? Figures.usd(total.usd()) : "unknown");
        if (priced.size() > 1) {
            line.append(" (").append(String.join(", ", priced)).append(')');
        }
        if (!unpriced.isEmpty()) {
            line.append(total.usd() != null ? "; unknown for " : " for ").append(total.unpriced())
                    .append(" tasks of ").append(String.join(", ", unpriced)).append(" (no price)");
        }
        return line.append(System.lineSeparator()).toString();
    }

    /** A cost in US dollars, "unknown" without a price, with how many tasks had none. */
    public static String usd(Cost cost) {
        if (cost.usd() == null) {
            return cost.unpriced() > 0 ? "unknown" : Figures.NONE;
        }
        return cost.unpriced() == 0 ? Figures.usd(cost.usd())
                : Figures.usd(cost.usd()) + " + " + cost.unpriced() + " unpriced";
    }

    /** ", about N s left" at the run's pace so far; empty while the aggregator cannot tell. */
    public static String eta(RunReport report) {
        Double eta = report.totals().grading().etaSeconds();
        return eta != null && eta > 0 ? String.format(Locale.ROOT, ", about %.0f s left", Math.ceil(eta)) : "";
    }

    /** Per model: overall, then per category, the mean of the benchmarks' mean scores and its standard error. */
    public static String rollupTable(RunReport report) {
        StringBuilder out = new StringBuilder();
        TreeSet<String> categories = new TreeSet<>();
        report.categories().forEach(rollup -> categories.add(rollup.category().name()));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-14s %-15s", "model", "overall"));
        categories.forEach(category -> header.append(String.format(Locale.ROOT, " %-15s",
                category.toLowerCase(Locale.ROOT))));
        out.append(header).append('\n');
        for (RollupScore overall : report.overall()) {
            String model = overall.modelId();
            out.append(String.format(Locale.ROOT, "  %-14s %-15s", model, rollup(overall.benchmarkMean())));
            for (String category : categories) {
                Estimate match = report.categories().stream().filter(rollup -> model.equals(rollup.modelId())
                                && category.equals(rollup.category().name())).reduce((first, last) -> last)
                        .map(RollupScore::benchmarkMean).orElse(Estimate.NONE);
                out.append(String.format(Locale.ROOT, " %-15s", rollup(match)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** e.g. {@code 62.5% ± 3.1}: percent, the standard error in points. */
    private static String rollup(Estimate mean) {
        if (mean.value() == null) {
            return Figures.NONE;
        }
        return Figures.percent(mean.value())
                + (mean.stdErr() == null ? "" : " ± " + Figures.decimal(100 * mean.stdErr(), 1));
    }

    /**
     * The final scoreboard: model x benchmark with accuracy, its 95% Wilson interval, the mean score (above
     * accuracy for partial-credit metrics such as token F1) and counts; below it, the errors by kind with a sample
     * reason ({@link #errors}).
     */
    public static String table(RunReport report) {
        StringBuilder out = new StringBuilder();
        String format = "  %-14s %-10s %9s  %-17s %11s %8s %7s %7s%n";
        out.append(String.format(Locale.ROOT, format, "model", "benchmark", "accuracy", "95% CI (Wilson)",
                "mean score", "correct", "graded", "errors"));
        out.append("  ").append("-".repeat(92)).append('\n');
        for (BenchmarkScore score : report.scores()) {
            out.append(String.format(Locale.ROOT, format, score.cell().modelId(), score.cell().benchmarkId(),
                    Figures.percent(score.accuracy().value()), Figures.interval(score.accuracy()),
                    Figures.percent(score.meanScore().value()), score.counts().correct(), score.graded(),
                    score.counts().errors()));
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
    static String scorers(RunReport report) {
        StringBuilder out = new StringBuilder();
        for (BenchmarkScore score : report.scores()) {
            List<ScorerScore> scorers = score.detail().scorers() == null ? List.of() : score.detail().scorers();
            if (scorers.size() < 2) {
                continue;
            }
            List<String> figures = scorers.stream().map(scorer -> scorer.scorer() + " "
                    + Figures.percent(scorer.estimates().accuracy().value())).toList();
            out.append(String.format(Locale.ROOT, "  %-14s %-10s %s%n", score.cell().modelId(),
                    score.cell().benchmarkId(), String.join("  ", figures)));
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
    public static String judgedTable(RunReport report, String benchmarkId, List<String> dimensions,
            Function<String, String> kindOf) {
        List<BenchmarkScore> scores = report.scores().stream()
                .filter(score -> benchmarkId.equals(score.cell().benchmarkId())).toList();
        // As wide as the longest kind (REAL openai), so the columns stay aligned.
        int kindWidth = scores.stream().mapToInt(score -> kindOf.apply(score.cell().modelId()).length())
                .reduce(10, Math::max);
        String kindColumn = "  %-" + kindWidth + "s";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, kindColumn + " %-22s %9s", "kind", "model",
                "judged"));
        dimensions.forEach(dimension -> out.append(String.format(Locale.ROOT, " %13s", dimension)));
        out.append(String.format(Locale.ROOT, " %15s %7s", "score (0-1)", "errors"));
        out.append('\n').append("  ").append("-".repeat(out.length() - 3)).append('\n');
        for (BenchmarkScore score : scores) {
            String model = score.cell().modelId();
            out.append(String.format(Locale.ROOT, kindColumn + " %-22s %4d/%-4d", kindOf.apply(model), model,
                    score.counts().judged(), score.grading().expected()));
            dimensions.forEach(dimension -> out.append(String.format(Locale.ROOT, " %13s",
                    judgeScore(score, dimension))));
            out.append(String.format(Locale.ROOT, " %15s %7d%n", Figures.meanWithError(score.meanScore(), 2),
                    score.counts().errors()));
        }
        return out.toString();
    }

    private static String judgeScore(BenchmarkScore score, String dimension) {
        return score.detail().judgeScores().stream().filter(each -> dimension.equals(each.dimension())).findFirst()
                .map(each -> Figures.meanWithError(each.mean(), each.stdErr(), 1)).orElse(Figures.NONE);
    }

    /** Accuracy, or for a judged cell the mean normalized judge score. */
    private static String headline(BenchmarkScore score) {
        return score.counts().judged() > 0 && score.meanScore().value() != null
                ? "judge score " + Figures.decimal(score.meanScore().value(), 2)
                : Figures.percent(score.accuracy().value());
    }
}
