package io.evalstream.reports.export;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Judgement;
import io.evalstream.contracts.CellId;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Texts;
import io.evalstream.contracts.Verdict;
import io.evalstream.reports.scoring.CellLabels;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.RunBreakdown;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.reports.scoring.RunReports;
import io.evalstream.reports.scoring.SampleCall;
import io.evalstream.reports.scoring.SampleDetail;
import io.evalstream.reports.scoring.SampleOrigin;
import io.evalstream.reports.scoring.Tally;
import io.evalstream.reports.scoring.TaskSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The report of a run rebuilt from its per-sample export ({@code GET /runs/{id}/samples}) by the scoring the
 * aggregator's {@code GET /runs/{id}/report} runs on its stores, so the per-cell figures are the same. The export
 * keeps each task's latest grade but neither the run's manifest nor every part of a grade: what depends on those is
 * left out of the report, not guessed ({@link #unknown}). Lines carry their grade's category and subset, so categories,
 * subsets and groups are rolled up as the aggregator rolls them up; an export made before lines carried them reads
 * too, without those parts.
 */
public final class ExportedRun {

    /** What no offline report can say, because no export carries it. */
    private static final List<String> NEVER_EXPORTED = List.of(
            "expected task counts, progress and whether the run is complete (they come from the run's manifest;"
                    + " the status reads UNKNOWN_MANIFEST)",
            "the benchmarks' recorded settings (from the manifest; the settings hashes are known)",
            "per-scorer scores, spend and likelihood figures (not exported)");

    /** What an export made before lines carried the grade's category and subset cannot say. */
    private static final List<String> NOT_IN_OLDER_EXPORTS = List.of(
            "categories and the per-category scores (some lines carry no category: exported before lines had one)",
            "subset and group scores (likewise: exported before lines had the grade's subset)");

    /**
     * {@link GradedSample} needs a category and a line of an older export has none: every sample gets this one, and
     * the report drops it again ({@link #withoutCategories}), so it never shows.
     */
    private static final Category NOT_EXPORTED = Category.KNOWLEDGE;

    private ExportedRun() {
    }

    /**
     * @param lines the export's lines, one run's
     * @param at    the time the report is made (the aggregator's "now")
     * @throws IllegalArgumentException when there are no lines, they mix runs, or a task appears twice
     */
    public static FullRunReport report(List<SampleLine> lines, Instant at) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the export holds no samples");
        }
        TreeSet<String> runs = new TreeSet<>(lines.stream().map(line -> line.task().runId()).toList());
        if (runs.size() > 1) {
            throw new IllegalArgumentException("the export mixes the runs " + String.join(", ", runs)
                    + "; export and report one run at a time");
        }
        boolean withSetup = carrySetup(lines);
        Map<ScoreKey, Tally> tallies = new HashMap<>();
        List<TaskSample> samples = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SampleLine line : lines) {
            if (!seen.add(line.task().taskId())) {
                throw new IllegalArgumentException("task " + line.task().taskId() + " appears twice; an export holds"
                        + " each task's latest grade once");
            }
            TaskSample sample = sample(line, withSetup);
            samples.add(sample);
            tallies.compute(sample.sample().cell(), (cell, tally) -> (tally == null ? Tally.EMPTY : tally)
                    .add(sample.sample()));
        }
        RunReport live = RunReports.build(runs.first(), null, tallies, at).orElseThrow();
        FullRunReport report = FullRunReport.of(live, RunBreakdown.of(samples));
        return withSetup ? report : withoutCategories(report);
    }

    /** What the report of these lines leaves out because the export does not carry it. */
    public static List<String> unknown(List<SampleLine> lines) {
        return carrySetup(lines) ? NEVER_EXPORTED
                : Stream.concat(NEVER_EXPORTED.stream(), NOT_IN_OLDER_EXPORTS.stream()).toList();
    }

    /**
     * Whether every line has its grade's category (and so its subset): one line without, from an older export,
     * would leave its cell out of its category and its subset's score short, so then neither is reported.
     */
    private static boolean carrySetup(List<SampleLine> lines) {
        return lines.stream().allMatch(line -> line.setup().category() != null);
    }

    /**
     * One line as the aggregator keeps its grade.
     *
     * @throws IllegalArgumentException naming what the line lacks or has wrong
     */
    public static TaskSample sample(SampleLine line) {
        return sample(line, line.setup().category() != null);
    }

    /** @param withSetup whether to count the line in its category and subset (else in a placeholder, dropped later) */
    private static TaskSample sample(SampleLine line, boolean withSetup) {
        MarkedAnswer answer = line.answer();
        if (answer.verdict() == null) {
            throw new IllegalArgumentException("no verdict");
        }
        GradeSetup setup = line.setup();
        if (setup.settingsHash() == null || setup.settingsHash().isBlank()) {
            throw new IllegalArgumentException("no settingsHash");
        }
        TaskId task = line.task().toTaskId();
        GradeEvidence evidence = line.evidence();
        Judgement judgement = evidence.judgement();
        GradeOrigin origin = line.origin();
        boolean error = answer.verdict() == Verdict.ERROR;
        SampleCall call = SampleCall.took(origin.latencyMillis(), origin.usage()).failed(evidence.errorKind(),
                error ? Texts.abbreviate(evidence.detail(), CallStats.MAX_REASON) : null);
        GradedSample sample = new GradedSample(task.scoreKey(), answer.verdict(), answer.score(),
                new CellLabels(withSetup ? setup.category() : NOT_EXPORTED, setup.settingsHash()),
                withSetup ? setup.subset() : null, call,
                new SampleOrigin(origin.gradedAt() == null ? null : origin.gradedAt().toEpochMilli(), origin.source()),
                judgement == null ? SampleDetail.NONE : SampleDetail.judged(judgement.scores(), judgement.labels()));
        return new TaskSample(task, sample);
    }

    private static FullRunReport withoutCategories(FullRunReport report) {
        List<BenchmarkScore> scores = report.scores().stream().map(score -> new BenchmarkScore(score.schemaVersion(),
                new CellId(score.cell().runId(), score.cell().modelId(), score.cell().benchmarkId(), null),
                score.counts(), score.estimates(), score.grading(), score.updatedAt(), score.calls(), score.detail()))
                .toList();
        RunReport live = report.live();
        return new FullRunReport(new RunReport(live.runId(), live.status(), live.submittedAt(),
                live.benchmarkSettings(), live.settingsHashes(), live.totals(), scores, List.of(), live.overall()),
                report.breakdown(), report.stops());
    }
}
