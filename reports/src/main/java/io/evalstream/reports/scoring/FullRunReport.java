package io.evalstream.reports.scoring;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.BenchmarkSettings;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything the live {@link RunReport} holds plus pass@k, subset and group scores and judge label counts
 * ({@link RunBreakdown}).
 * The scores come from the cell tallies and the breakdown from the latest grades, read one after the other:
 * while a run is still being graded they may differ by the grades that arrived in between.
 * The flat accessors read through to the two parts, so a report reads as one object (and is written as one).
 *
 * @param live      the scoreboard from the cell tallies; its settings hashes are those of every graded task (the
 *                  live report's and the breakdown's together), and so are the breakdown's
 * @param breakdown the figures that need every task's latest grade
 * @param stops     the benchmarks whose comparison the run's stop rule ended early; empty for none
 */
public record FullRunReport(RunReport live, RunBreakdown breakdown, List<StoppedComparison> stops) {

    public FullRunReport {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(breakdown, "breakdown");
        // Read back from its JSON a report has one list of hashes for both parts; holding the same list in both
        // keeps a report equal to itself read back.
        TreeSet<String> hashes = new TreeSet<>(live.settingsHashes());
        hashes.addAll(breakdown.settingsHashes());
        live = live.withSettingsHashes(List.copyOf(hashes));
        breakdown = breakdown.withSettingsHashes(List.copyOf(hashes));
        stops = stops == null ? List.of() : List.copyOf(stops);
    }

    /** A report of a run nothing stopped early. */
    public static FullRunReport of(RunReport live, RunBreakdown breakdown) {
        return new FullRunReport(live, breakdown, List.of());
    }

    public String runId() {
        return live.runId();
    }

    public RunStatus status() {
        return live.status();
    }

    public Instant submittedAt() {
        return live.submittedAt();
    }

    public List<BenchmarkSettings> benchmarkSettings() {
        return live.benchmarkSettings();
    }

    /** Distinct settings hashes of every graded task, sorted. */
    public List<String> settingsHashes() {
        return live.settingsHashes();
    }

    public RunTotals totals() {
        return live.totals();
    }

    public List<BenchmarkScore> scores() {
        return live.scores();
    }

    public List<RollupScore> categories() {
        return live.categories();
    }

    public List<RollupScore> overall() {
        return live.overall();
    }

    public List<PassAtKScore> passAtK() {
        return breakdown.passAtK();
    }

    public List<SubsetScore> subsets() {
        return breakdown.subsets();
    }

    public List<GroupScore> groups() {
        return breakdown.groups();
    }

    public List<LabelCounts> judgeLabels() {
        return breakdown.judgeLabels();
    }

    /** Per (model, benchmark) the mean score with its naive and item-clustered standard errors and the design effect. */
    public List<ClusteredScore> clustered() {
        return breakdown.clustered();
    }
}
