package io.evalstream.reports.scoring;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.BenchmarkSettings;
import java.time.Instant;
import java.util.List;

/**
 * The scoreboard of one run: one score per (model, benchmark) the manifest expects, graded or not yet,
 * plus any cell that has grades the manifest does not list; sorted by model, then benchmark.
 *
 * @param submittedAt       when the run was submitted; null when its manifest is unknown
 * @param benchmarkSettings the effective settings and settings hash of every benchmark variant, as the run's
 *                          manifest records them; empty when the manifest is unknown
 * @param settingsHashes    distinct settings hashes of the latest grade of each cell (more than one means the
 *                          cells are not comparable); the full report lists those of every graded task
 * @param categories        per (model, category): the benchmarks of that category rolled up
 * @param overall           per model: all its benchmarks rolled up
 */
public record RunReport(String runId, RunStatus status, Instant submittedAt, List<BenchmarkSettings> benchmarkSettings,
        List<String> settingsHashes, RunTotals totals, List<BenchmarkScore> scores, List<RollupScore> categories,
        List<RollupScore> overall) {

    public RunReport {
        benchmarkSettings = List.copyOf(benchmarkSettings);
        settingsHashes = List.copyOf(settingsHashes);
        scores = List.copyOf(scores);
        categories = List.copyOf(categories);
        overall = List.copyOf(overall);
    }

    /** This report listing {@code hashes} as its settings hashes (a full report lists those of every graded task). */
    public RunReport withSettingsHashes(List<String> hashes) {
        return new RunReport(runId, status, submittedAt, benchmarkSettings, hashes, totals, scores, categories, overall);
    }

    public RunSummary summary() {
        return new RunSummary(runId, status, submittedAt, totals);
    }
}
