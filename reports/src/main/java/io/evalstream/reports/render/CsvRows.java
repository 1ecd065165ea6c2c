package io.evalstream.reports.render;

import io.evalstream.reports.scoring.GroupScore;
import io.evalstream.reports.scoring.LabelCounts;
import io.evalstream.reports.scoring.PassAtK;
import io.evalstream.reports.scoring.PassAtKScore;
import io.evalstream.reports.scoring.RollupScore;
import io.evalstream.reports.scoring.SubsetScore;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.CellId;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.LatencySummary;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.ScorerScore;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.VerdictCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The rows of a {@link CsvReport}, filled by column name; a field nobody sets stays empty. */
final class CsvRows {

    /** Every column but the error-kind and judge ones; pass@k for each k the report can hold. */
    static final List<String> FIXED = Stream.concat(Stream.of("scope", "runId", "modelId", "benchmarkId", "category", "subset",
            "group", "label", "labelValue", "benchmarks", "expected", "graded", "correct", "incorrect", "noAnswer",
            "errors", "judged", "labelled", "count", "accuracy", "ci95Low", "ci95High", "meanScore", "meanScoreStdErr",
            "benchmarkMean", "benchmarkMeanStdErr", "progress", "etaSeconds", "latencySamples", "latencyP50Millis",
            "latencyP95Millis", "latencyP99Millis", "promptTokens", "completionTokens"),
            Stream.concat(PassAtK.KS.stream().map(k -> "passAt" + k), Stream.of("scorer"))).toList();

    private final List<String> columns;
    private final Map<String, Integer> index = new HashMap<>();
    private final String runId;
    private final List<String[]> rows = new ArrayList<>();

    CsvRows(List<String> columns, String runId) {
        this.columns = List.copyOf(columns);
        this.runId = runId;
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
    }

    static String errorColumn(ErrorKind kind) {
        return "errors." + CsvReport.lower(kind);
    }

    static String reasonColumn(ErrorKind kind) {
        return errorColumn(kind) + ".reason";
    }

    static List<String> judgeColumns(String dimension) {
        return List.of("judge." + dimension + ".mean", "judge." + dimension + ".stdErr",
                "judge." + dimension + ".judged");
    }

    List<String> columns() {
        return columns;
    }

    List<String[]> rows() {
        return rows;
    }

    void rollup(RollupScore s) {
        String[] row = start(s.category() == null ? "overall" : "category", s.modelId(), null);
        set(row, "category", s.category() == null ? null : s.category().name());
        // A rollup's rows leave incorrect and no-answer blank, as they always have.
        counts(row, s.grading().expected(), s.grading().graded(), s.counts().correct(), null, null,
                s.counts().errors(), s.counts().judged());
        set(row, "benchmarks", s.benchmarks());
        scores(row, s.estimates());
        set(row, "benchmarkMean", s.benchmarkMean().value());
        set(row, "benchmarkMeanStdErr", s.benchmarkMean().stdErr());
        live(row, s.grading(), s.calls());
        errors(row, s.calls());
        judge(row, s.judgeScores());
    }

    void benchmark(BenchmarkScore s, List<PassAtKScore> passAtK) {
        CellId cell = s.cell();
        String[] row = start("benchmark", cell.modelId(), cell.benchmarkId());
        set(row, "category", cell.category() == null ? null : cell.category().name());
        VerdictCounts counts = s.counts();
        counts(row, s.grading().expected(), s.graded(), counts.correct(), counts.incorrect(), counts.noAnswer(),
                counts.errors(), counts.judged());
        scores(row, s.estimates());
        live(row, s.grading(), s.calls());
        errors(row, s.calls());
        judge(row, s.detail().judgeScores());
        passAtK.stream().filter(p -> p.modelId().equals(cell.modelId()) && p.benchmarkId().equals(cell.benchmarkId()))
                .flatMap(p -> p.estimates().stream())
                .forEach(estimate -> set(row, "passAt" + estimate.k(), estimate.value()));
        if (s.detail().scorers() != null) {
            s.detail().scorers().forEach(scorer -> scorer(cell, scorer));
        }
    }

    /** One scorer of a benchmark that declares several, the headline first, right under its benchmark's row. */
    private void scorer(CellId benchmark, ScorerScore s) {
        String[] row = start("scorer", benchmark.modelId(), benchmark.benchmarkId());
        set(row, "scorer", s.scorer());
        set(row, "graded", s.graded());
        set(row, "correct", s.correct());
        scores(row, s.estimates());
    }

    void subset(SubsetScore s) {
        String[] row = start("subset", s.modelId(), s.benchmarkId());
        set(row, "subset", s.subset());
        set(row, "group", s.group());
        part(row, s.graded(), s.correct(), s.judged());
        scores(row, s.estimates());
        judge(row, s.judgeScores());
    }

    void group(GroupScore g) {
        String[] row = start("group", g.modelId(), g.benchmarkId());
        set(row, "group", g.group());
        part(row, g.graded(), g.correct(), g.judged());
        scores(row, g.estimates());
        judge(row, g.judgeScores());
    }

    void labels(LabelCounts label) {
        label.counts().forEach((value, count) -> {
            String[] row = start("label", label.modelId(), label.benchmarkId());
            set(row, "label", label.label());
            set(row, "labelValue", value);
            set(row, "labelled", label.labelled());
            set(row, "count", count);
        });
    }

    private String[] start(String scope, String modelId, String benchmarkId) {
        String[] row = new String[columns.size()];
        Arrays.fill(row, "");
        set(row, "scope", scope);
        set(row, "runId", runId);
        set(row, "modelId", modelId);
        set(row, "benchmarkId", benchmarkId);
        rows.add(row);
        return row;
    }

    private void counts(String[] row, long expected, long graded, long correct, Long incorrect, Long noAnswer,
            long errors, long judged) {
        set(row, "expected", expected);
        part(row, graded, correct, judged);
        set(row, "incorrect", incorrect);
        set(row, "noAnswer", noAnswer);
        set(row, "errors", errors);
    }

    private void part(String[] row, long graded, long correct, long judged) {
        set(row, "graded", graded);
        set(row, "correct", correct);
        set(row, "judged", judged);
    }

    private void scores(String[] row, ScoreEstimates estimates) {
        set(row, "accuracy", estimates.accuracy().value());
        set(row, "ci95Low", estimates.accuracy().low());
        set(row, "ci95High", estimates.accuracy().high());
        set(row, "meanScore", estimates.meanScore().value());
        set(row, "meanScoreStdErr", estimates.meanScore().stdErr());
    }

    private void live(String[] row, Progress progress, CallStats calls) {
        set(row, "progress", progress.fraction());
        set(row, "etaSeconds", progress.etaSeconds());
        LatencySummary latency = calls.latency();
        TokenUsage tokens = calls.tokens();
        if (latency != null) {
            set(row, "latencySamples", latency.samples());
            set(row, "latencyP50Millis", latency.p50Millis());
            set(row, "latencyP95Millis", latency.p95Millis());
            set(row, "latencyP99Millis", latency.p99Millis());
        }
        if (tokens != null) {
            set(row, "promptTokens", tokens.promptTokens());
            set(row, "completionTokens", tokens.completionTokens());
        }
    }

    private void errors(String[] row, CallStats calls) {
        Map<ErrorKind, Long> errorKinds = calls.errorKinds();
        Map<ErrorKind, String> reasons = calls.errorReasons();
        // Every kind gets its count (0 when none), so a column of errors sums without gaps.
        for (ErrorKind kind : ErrorKind.values()) {
            set(row, errorColumn(kind), errorKinds.getOrDefault(kind, 0L));
            set(row, reasonColumn(kind), reasons.get(kind));
        }
    }

    private void judge(String[] row, List<DimensionScore> scores) {
        scores.forEach(score -> {
            List<String> names = judgeColumns(score.dimension());
            set(row, names.get(0), score.mean());
            set(row, names.get(1), score.stdErr());
            set(row, names.get(2), score.judged());
        });
    }

    private void set(String[] row, String column, Object value) {
        Integer at = index.get(column);
        if (at == null) {
            throw new IllegalArgumentException("no CSV column '" + column + "'; this is a bug");
        }
        row[at] = value == null ? "" : value instanceof Double number && !Double.isFinite(number) ? ""
                : value.toString();
    }
}
