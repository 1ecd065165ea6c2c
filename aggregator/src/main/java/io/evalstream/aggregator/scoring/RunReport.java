package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Settings;
import java.time.Instant;
import java.util.List;

/**
 * The scoreboard of one run: one score per (model, benchmark) the manifest expects, graded or not yet,
 * plus any cell that has grades the manifest does not list; sorted by model, then benchmark.
 *
 * @param submittedAt    when the run was submitted; null when its manifest is unknown
 * @param settings       the run's settings; null when its manifest is unknown
 * @param settingsHashes distinct settings hashes of the graded tasks (more than one means the cells are not
 *                       comparable)
 */
public record RunReport(String runId, RunStatus status, Instant submittedAt, Settings settings,
        List<String> settingsHashes, RunTotals totals, List<BenchmarkScore> scores) {

    public RunReport {
        settingsHashes = List.copyOf(settingsHashes);
        scores = List.copyOf(scores);
    }

    public RunSummary summary() {
        return new RunSummary(runId, status, submittedAt, totals);
    }
}
