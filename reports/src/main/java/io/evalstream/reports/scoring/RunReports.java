package io.evalstream.reports.scoring;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.VerdictCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Builds a run's report from its manifest and the tallies of its cells. */
public final class RunReports {

    private static final Comparator<BenchmarkScore> BY_MODEL_THEN_BENCHMARK =
            Comparator.comparing((BenchmarkScore score) -> score.cell().modelId()).thenComparing(score -> score.cell().benchmarkId());

    private RunReports() {
    }

    /**
     * @param manifest the run's manifest; null when none (valid) was published
     * @param tallies  the run's cells that have grades
     * @return empty when the run has neither a manifest nor grades
     */
    public static Optional<RunReport> build(String runId, RunManifest manifest, Map<ScoreKey, Tally> tallies,
            Instant at) {
        if (manifest == null && tallies.isEmpty()) {
            return Optional.empty();
        }
        Map<ScoreKey, ExpectedCount> expected = manifest == null ? Map.of() : Scoring.expectedCells(manifest);
        List<Rollups.Cell> cells = new ArrayList<>();
        expected.forEach((cell, count) -> cells.add(new Rollups.Cell(cell, tallies.getOrDefault(cell, Tally.EMPTY), count)));
        tallies.forEach((cell, tally) -> {
            if (!expected.containsKey(cell)) {
                cells.add(new Rollups.Cell(cell, tally, null));
            }
        });
        List<BenchmarkScore> scores = cells.stream()
                .map(cell -> Scoring.score(cell.key(), cell.tally(), cell.expected(), at))
                .sorted(BY_MODEL_THEN_BENCHMARK).toList();
        List<String> hashes = tallies.values().stream().map(Tally::settingsHash).filter(Objects::nonNull).distinct()
                .sorted().toList();
        Long first = tallies.values().stream().map(tally -> tally.span().firstGradedAt()).filter(Objects::nonNull)
                .min(Long::compare).orElse(null);
        return Optional.of(new RunReport(runId, status(manifest, expected, tallies),
                manifest == null ? null : manifest.submittedAt(),
                manifest == null ? List.of() : manifest.benchmarkSettings(), hashes,
                totals(manifest, scores, first, at), scores, Rollups.byCategory(cells, at), Rollups.overall(cells, at)));
    }

    private static RunStatus status(RunManifest manifest, Map<ScoreKey, ExpectedCount> expected,
            Map<ScoreKey, Tally> tallies) {
        if (manifest == null) {
            return RunStatus.UNKNOWN_MANIFEST;
        }
        boolean complete = expected.entrySet().stream().allMatch(cell ->
                tallies.getOrDefault(cell.getKey(), Tally.EMPTY).graded() >= cell.getValue().tasks());
        return complete ? RunStatus.COMPLETE : RunStatus.RUNNING;
    }

    private static RunTotals totals(RunManifest manifest, List<BenchmarkScore> scores, Long firstGradedAt, Instant at) {
        long graded = scores.stream().mapToLong(BenchmarkScore::graded).sum();
        long expected = manifest == null ? 0 : manifest.expectedTotal();
        Double eta = manifest == null ? null : Means.boxed(Scoring.eta(graded, expected, firstGradedAt, at));
        VerdictCounts counts = scores.stream().map(BenchmarkScore::counts).reduce(VerdictCounts.NONE, VerdictCounts::plus);
        return new RunTotals(new Progress(graded, expected, manifest == null ? null : Scoring.progress(graded, expected),
                eta, null), counts, RunCost.of(scores));
    }
}
