package io.evalstream.reports.render;

import io.evalstream.reports.scoring.ClusteredScore;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.GroupScore;
import io.evalstream.reports.scoring.LabelCounts;
import io.evalstream.reports.scoring.PassAtKScore;
import io.evalstream.reports.scoring.RollupScore;
import io.evalstream.reports.scoring.RunCost;
import io.evalstream.reports.scoring.RunTotals;
import io.evalstream.reports.scoring.StoppedComparison;
import io.evalstream.reports.scoring.SubsetScore;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.BenchmarkSettings;
import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.CorpusLikelihood;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.StopDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a human-readable report shows, in order: laid out once so that Markdown and HTML carry the same facts and
 * tables and differ only in markup. Every string is plain text; the renderers escape it.
 *
 * @param facts  label and value pairs about the run as a whole
 * @param tables the sections, each a table; sections with nothing to show are left out
 */
record ReportLayout(String title, List<Fact> facts, List<Table> tables) {

    record Fact(String label, String value) {
    }

    /** One section: a heading and a table whose rows are as long as its columns. */
    record Table(String heading, List<String> columns, List<List<String>> rows) {

        Table {
            int width = columns.size();
            if (rows.stream().anyMatch(row -> row.size() != width)) {
                throw new IllegalArgumentException("every row of table '" + heading + "' needs " + width + " cells");
            }
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    private static final List<String> FIGURES = List.of("Graded", "Accuracy [95% CI]", "Mean ± SE",
            "Judge means (1-10)", "Errors by kind", "Latency p50 / p95 / p99", "Tokens", "ETA");

    static ReportLayout of(FullRunReport report) {
        List<Table> tables = Stream.of(settings(report.benchmarkSettings()), overall(report.overall()),
                        categories(report.categories()), benchmarks(report.scores()), scorers(report.scores()),
                        likelihood(report.scores()),
                        passAtK(report.passAtK()), clustered(report.clustered()), subsets(report.subsets()),
                        groups(report.groups()), labels(report.judgeLabels()), stops(report.stops()),
                        cost(report.totals().cost(), report.scores()))
                .filter(table -> !table.rows().isEmpty()).toList();
        return new ReportLayout("Run " + report.runId(), facts(report), tables);
    }

    private static List<Fact> facts(FullRunReport report) {
        RunTotals totals = report.totals();
        String hashes = String.join(", ", report.settingsHashes());
        return List.of(new Fact("Status", report.status().name()),
                new Fact("Submitted", Figures.text(report.submittedAt())),
                new Fact("Progress", Figures.progress(totals.grading())),
                new Fact("ETA", Figures.eta(totals.grading().etaSeconds())),
                new Fact("Verdicts", totals.counts().correct() + " correct, " + totals.counts().incorrect() + " incorrect, "
                        + totals.counts().noAnswer() + " no answer, " + totals.counts().errors() + " errors, "
                        + totals.counts().judged()
                        + " judged"),
                new Fact("Cost", Figures.cost(totals.cost().total())),
                new Fact("Settings hashes graded", report.settingsHashes().size() > 1
                        ? hashes + " (more than one: not every score is comparable)"
                        : hashes.isEmpty() ? Figures.NONE : hashes));
    }

    private static Table settings(List<BenchmarkSettings> settings) {
        return new Table("Settings per benchmark variant", List.of("Benchmark", "Variant", "Settings hash", "Shots",
                "Chain of thought", "Temperature", "Top-p", "Max tokens", "Seed", "Stop", "Extraction", "Metric",
                "Judging"), settings.stream().map(s -> List.of(s.benchmarkId(), s.variant(), s.settingsHash(),
                String.valueOf(s.settings().shots()), s.settings().chainOfThought() ? "yes" : "no",
                String.valueOf(s.settings().temperature()), String.valueOf(s.settings().topP()),
                String.valueOf(s.settings().maxTokens()), String.valueOf(s.settings().seed()),
                quoted(s.settings().stop()), s.extraction(), s.metric(), s.judging() == null
                        ? Figures.NONE : s.judging().rubric() + " by " + s.judging().judge())).toList());
    }

    private static Table overall(List<RollupScore> overall) {
        return new Table("Overall per model", columns(List.of("Model", "Benchmarks", "Benchmark mean ± SE")),
                overall.stream().map(score -> row(List.of(score.modelId(), String.valueOf(score.benchmarks()),
                        Figures.meanWithError(score.benchmarkMean())), score)).toList());
    }

    private static Table categories(List<RollupScore> categories) {
        return new Table("Per category", columns(List.of("Model", "Category", "Benchmarks", "Benchmark mean ± SE")),
                categories.stream().map(score -> row(List.of(score.modelId(), Figures.text(score.category()),
                        String.valueOf(score.benchmarks()),
                        Figures.meanWithError(score.benchmarkMean())), score)).toList());
    }

    private static Table benchmarks(List<BenchmarkScore> scores) {
        return new Table("Per benchmark", columns(List.of("Model", "Benchmark", "Category")), scores.stream()
                .map(s -> concat(List.of(s.cell().modelId(), s.cell().benchmarkId(), Figures.text(s.cell().category())),
                        figures(s.grading(), s.estimates(), s.detail().judgeScores(), s.calls()))).toList());
    }

    /** What each model's latest answers cost, per benchmark and in all; left out while no task has a cost. */
    private static Table cost(RunCost cost, List<BenchmarkScore> scores) {
        List<List<String>> rows = new ArrayList<>();
        if (cost.total().priced() > 0) {
            scores.forEach(s -> rows.add(List.of(s.cell().modelId(), s.cell().benchmarkId(), Figures.cost(s.calls().cost()))));
            cost.byModel().forEach((model, sum) -> rows.add(List.of(model, "all", Figures.cost(sum))));
        }
        return new Table("Cost (US dollars, latest answer of each task)", List.of("Model", "Benchmark", "Cost"), rows);
    }

    /** Benchmarks with several scorers: each scorer's accuracy and mean, the headline first (issue 19). */
    private static Table scorers(List<BenchmarkScore> scores) {
        return new Table("Per scorer", List.of("Model", "Benchmark", "Scorer", "Graded", "Accuracy [95% CI]",
                "Mean ± SE"), scores.stream().filter(s -> s.detail().scorers() != null)
                .flatMap(s -> s.detail().scorers().stream().map(scorer -> List.of(s.cell().modelId(), s.cell().benchmarkId(),
                        scorer.scorer(), String.valueOf(scorer.graded()),
                        Figures.accuracy(scorer.estimates().accuracy()),
                        Figures.meanWithError(scorer.estimates().meanScore())))).toList());
    }

    /** Cells scored by likelihood: acc_norm, and the corpus bits per byte and per-token perplexity. */
    private static Table likelihood(List<BenchmarkScore> scores) {
        return new Table("Scored by likelihood", List.of("Model", "Benchmark", "acc_norm", "Bits per byte",
                "Perplexity per token", "Texts", "Bytes", "Tokens"), scores.stream()
                .filter(s -> s.detail().likelihood() != null).map(s -> {
                    CorpusLikelihood l = s.detail().likelihood();
                    return List.of(s.cell().modelId(), s.cell().benchmarkId(), Figures.percent(l.accNorm()),
                            l.bitsPerByte() == null ? Figures.NONE : Figures.decimal(l.bitsPerByte(), 4),
                            l.tokenPerplexity() == null ? Figures.NONE : Figures.decimal(l.tokenPerplexity(), 3),
                            String.valueOf(l.measured()), String.valueOf(l.bytes()), String.valueOf(l.tokens()));
                }).toList());
    }

    private static Table passAtK(List<PassAtKScore> scores) {
        TreeSet<Integer> ks = new TreeSet<>();
        scores.forEach(score -> score.estimates().forEach(estimate -> ks.add(estimate.k())));
        List<String> columns = new ArrayList<>(List.of("Model", "Benchmark", "Problems", "Samples per problem"));
        ks.forEach(k -> columns.add("pass@" + k));
        return new Table("pass@k", columns, scores.stream().map(score -> {
            List<String> row = new ArrayList<>(List.of(score.modelId(), score.benchmarkId(),
                    String.valueOf(score.problems()), score.minSamples() == score.maxSamples()
                            ? String.valueOf(score.minSamples()) : score.minSamples() + "-" + score.maxSamples()));
            ks.forEach(k -> row.add(score.estimates().stream().filter(estimate -> estimate.k() == k).findFirst()
                    .map(estimate -> Figures.decimal(estimate.value(), 3)).orElse(Figures.NONE)));
            return row;
        }).toList());
    }

    /** Miller 2024: several samples or variants of one item are not independent, so the clustered SE is the honest one. */
    private static Table clustered(List<ClusteredScore> clustered) {
        return new Table("Clustered standard errors (by item; Miller 2024)", List.of("Model", "Benchmark", "Samples",
                "Items", "Mean", "SE naive", "SE clustered", "Design effect"), clustered.stream().map(c -> List.of(
                c.modelId(), c.benchmarkId(), String.valueOf(c.score().n()), String.valueOf(c.score().clusters()),
                Figures.decimal(c.score().mean(), 3), Figures.decimal(c.score().naiveSe(), 3),
                Figures.decimal(c.score().clusteredSe(), 3), Figures.decimal(c.score().designEffect(), 2))).toList());
    }

    private static Table subsets(List<SubsetScore> subsets) {
        return new Table("Subsets", List.of("Model", "Benchmark", "Subset", "Group", "Graded", "Accuracy [95% CI]",
                "Mean ± SE", "Judge means (1-10)"), subsets.stream().map(s -> List.of(s.modelId(), s.benchmarkId(),
                s.subset(), Figures.text(s.group()), String.valueOf(s.graded()),
                Figures.accuracy(s.estimates().accuracy()),
                Figures.meanWithError(s.estimates().meanScore()), Figures.judgeMeans(s.judgeScores())))
                .toList());
    }

    private static Table groups(List<GroupScore> groups) {
        return new Table("Subset groups", List.of("Model", "Benchmark", "Group", "Graded", "Accuracy [95% CI]",
                "Mean ± SE", "Judge means (1-10)"), groups.stream().map(g -> List.of(g.modelId(), g.benchmarkId(),
                g.group(), String.valueOf(g.graded()), Figures.accuracy(g.estimates().accuracy()),
                Figures.meanWithError(g.estimates().meanScore()), Figures.judgeMeans(g.judgeScores())))
                .toList());
    }

    private static Table labels(List<LabelCounts> labels) {
        return new Table("Judge labels", List.of("Model", "Benchmark", "Label", "Value", "Answers", "Share"),
                labels.stream().flatMap(label -> label.counts().entrySet().stream().map(count -> List.of(
                        label.modelId(), label.benchmarkId(), label.label(), count.getKey(),
                        String.valueOf(count.getValue()),
                        Figures.percent((double) count.getValue() / label.labelled())))).toList());
    }

    private static Table stops(List<StoppedComparison> stops) {
        return new Table("Stopped early", List.of("Benchmark", "Models (A vs B)", "Decision", "Sequential test",
                "Alpha", "Margin", "Pairs at the decision", "Decided at", "Calls saved"), stops.stream().map(stop -> {
                    StopDecision d = stop.decision();
                    return List.of(d.benchmarkId(), d.rule().a() + " vs " + d.rule().b(), switch (d.outcome()) {
                                case A_BETTER -> d.rule().a() + " better";
                                case B_BETTER -> d.rule().b() + " better";
                                case FUTILE -> "no difference of the margin left";
                            }, d.test() + "; " + stop.reference(), String.valueOf(d.rule().alpha()),
                            String.valueOf(d.rule().margin()), String.valueOf(d.pairs()), Figures.text(d.decidedAt()),
                            String.valueOf(stop.callsSaved()));
                }).toList());
    }

    private static List<String> columns(List<String> leading) {
        return concat(leading, FIGURES);
    }

    private static List<String> row(List<String> leading, RollupScore s) {
        return concat(leading, figures(s.grading(), s.estimates(), s.judgeScores(), s.calls()));
    }

    /** The {@link #FIGURES} columns of a benchmark's or a rollup's score. */
    private static List<String> figures(Progress progress, ScoreEstimates estimates, List<DimensionScore> judgeScores,
            CallStats calls) {
        return List.of(Figures.progress(progress), Figures.accuracy(estimates.accuracy()),
                Figures.meanWithError(estimates.meanScore()), Figures.judgeMeans(judgeScores),
                Figures.errorKinds(calls.errorKinds(), calls.errorReasons()), Figures.latency(calls.latency()),
                Figures.tokens(calls.tokens()), Figures.eta(progress.etaSeconds()));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Stop sequences as quoted literals, so whitespace and separators inside them stay visible. */
    private static String quoted(List<String> stop) {
        return stop.isEmpty() ? Figures.NONE : String.join(" ", stop.stream().map(ReportLayout::literal).toList());
    }

    private static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        Objects.requireNonNull(text).codePoints().forEach(c -> out.append(switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            default -> Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", c) : Character.toString(c);
        }));
        return out.append('"').toString();
    }
}
