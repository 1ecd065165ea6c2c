package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.ScoreKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Builds a run's report from its manifest and the tallies of its cells. */
public final class RunReports {

    private static final Comparator<BenchmarkScore> BY_MODEL_THEN_BENCHMARK =
            Comparator.comparing(BenchmarkScore::modelId).thenComparing(BenchmarkScore::benchmarkId);

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
        Map<ScoreKey, BenchmarkScore> cells = new HashMap<>();
        expected.forEach((cell, count) ->
                cells.put(cell, Scoring.score(cell, tallies.getOrDefault(cell, Tally.EMPTY), count, at)));
        tallies.forEach((cell, tally) -> cells.computeIfAbsent(cell, key -> Scoring.score(key, tally, null, at)));
        List<BenchmarkScore> scores = cells.values().stream().sorted(BY_MODEL_THEN_BENCHMARK).toList();
        List<String> hashes = tallies.values().stream().map(Tally::settingsHash).filter(Objects::nonNull).distinct()
                .sorted().toList();
        return Optional.of(new RunReport(runId, status(manifest, expected, tallies),
                manifest == null ? null : manifest.submittedAt(),
                manifest == null ? List.of() : manifest.benchmarkSettings(), hashes, totals(manifest, scores), scores));
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

    private static RunTotals totals(RunManifest manifest, List<BenchmarkScore> scores) {
        long graded = scores.stream().mapToLong(BenchmarkScore::graded).sum();
        long expected = manifest == null ? 0 : manifest.expectedTotal();
        return new RunTotals(expected, graded,
                scores.stream().mapToLong(BenchmarkScore::correct).sum(),
                scores.stream().mapToLong(BenchmarkScore::incorrect).sum(),
                scores.stream().mapToLong(BenchmarkScore::noAnswer).sum(),
                scores.stream().mapToLong(BenchmarkScore::errors).sum(),
                manifest == null ? null : Scoring.progress(graded, expected),
                scores.stream().mapToLong(BenchmarkScore::judged).sum());
    }
}
