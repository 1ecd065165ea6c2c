package io.evalstream.reports.scoring;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.BenchmarkSettings;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * Everything the live {@link RunReport} holds plus pass@k, subset and group scores and judge label counts
 * ({@link RunBreakdown}).
 * The scores come from the cell tallies and the breakdown from the latest grades, read one after the other:
 * while a run is still being graded they may differ by the grades that arrived in between.
 *
 * @param settingsHashes distinct settings hashes of every graded task, sorted
 * @param clustered      per (model, benchmark) the mean score with its naive and item-clustered standard errors and
 *                       the design effect
 * @param stops          the benchmarks whose comparison the run's stop rule ended early; empty for none
 */
public record FullRunReport(String runId, RunStatus status, Instant submittedAt,
        List<BenchmarkSettings> benchmarkSettings, List<String> settingsHashes, RunTotals totals,
        List<BenchmarkScore> scores, List<RollupScore> categories, List<RollupScore> overall, List<PassAtKScore> passAtK, List<SubsetScore> subsets, List<GroupScore> groups,
        List<LabelCounts> judgeLabels, List<ClusteredScore> clustered, List<StoppedComparison> stops) {

    public FullRunReport {
        benchmarkSettings = List.copyOf(benchmarkSettings);
        settingsHashes = List.copyOf(settingsHashes);
        scores = List.copyOf(scores);
        categories = List.copyOf(categories);
        overall = List.copyOf(overall);
        passAtK = List.copyOf(passAtK);
        subsets = List.copyOf(subsets);
        groups = List.copyOf(groups);
        judgeLabels = List.copyOf(judgeLabels);
        clustered = List.copyOf(clustered);
        stops = stops == null ? List.of() : List.copyOf(stops);
    }

    /** A report of a run nothing stopped early. */
    public static FullRunReport of(RunReport live, RunBreakdown breakdown) {
        return of(live, breakdown, List.of());
    }

    public static FullRunReport of(RunReport live, RunBreakdown breakdown, List<StoppedComparison> stops) {
        TreeSet<String> hashes = new TreeSet<>(live.settingsHashes());
        hashes.addAll(breakdown.settingsHashes());
        return new FullRunReport(live.runId(), live.status(), live.submittedAt(), live.benchmarkSettings(),
                List.copyOf(hashes), live.totals(), live.scores(), live.categories(), live.overall(), breakdown.passAtK(), breakdown.subsets(),
                breakdown.groups(), breakdown.judgeLabels(), breakdown.clustered(), stops);
    }
}
