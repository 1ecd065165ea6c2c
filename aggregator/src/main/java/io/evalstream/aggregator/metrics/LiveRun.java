package io.evalstream.aggregator.metrics;

import io.evalstream.aggregator.scoring.Scoring;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ScoreKey;
import io.micrometer.core.instrument.Meter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The live cells of one run and every meter registered for it, so the run's figures that span cells (ETA,
 * category and overall scores) are read at scrape time and the run's meters can be removed together when it expires.
 */
final class LiveRun {

    private final ConcurrentMap<ScoreKey, LiveCell> cells = new ConcurrentHashMap<>();
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, Boolean> registered = new ConcurrentHashMap<>();
    private volatile Instant submittedAt;

    LiveCell cell(ScoreKey key, Function<ScoreKey, LiveCell> create) {
        return cells.computeIfAbsent(key, create);
    }

    void submitted(Instant at) {
        submittedAt = at;
    }

    /** @return true the first time {@code name} is marked, so each run-level meter is registered once */
    boolean firstTime(String name) {
        return registered.putIfAbsent(name, Boolean.TRUE) == null;
    }

    void track(Meter meter) {
        meters.add(meter);
    }

    List<Meter> meters() {
        return List.copyOf(meters);
    }

    /** Seconds until every expected task is graded at the run's pace; NaN while unknown (manifest or first grade). */
    double etaSeconds(Instant now) {
        long expected = 0;
        long graded = 0;
        Long first = null;
        for (LiveCell cell : cells.values()) {
            if (cell.expectedTasks() < 0) {
                return Double.NaN;
            }
            expected += cell.expectedTasks();
            BenchmarkScore score = cell.score();
            if (score != null) {
                graded += score.graded();
                if (score.firstGradedAt() != null) {
                    long at = score.firstGradedAt().toEpochMilli();
                    first = first == null ? at : Math.min(first, at);
                }
            }
        }
        var eta = Scoring.eta(graded, expected, first, now);
        return eta.isPresent() ? eta.getAsDouble() : Double.NaN;
    }

    /** Mean of the matching cells' mean scores, each benchmark weighing the same; NaN while none has one. */
    double benchmarkMean(Predicate<BenchmarkScore> member) {
        return scores(member).stream().mapToDouble(BenchmarkScore::meanScore).average().orElse(Double.NaN);
    }

    /** sqrt(sum of squared standard errors) / k over the matching cells; NaN while one lacks a standard error. */
    double benchmarkMeanStdErr(Predicate<BenchmarkScore> member) {
        List<BenchmarkScore> scores = scores(member);
        if (scores.isEmpty() || scores.stream().anyMatch(score -> score.meanScoreStdErr() == null)) {
            return Double.NaN;
        }
        return Math.sqrt(scores.stream().mapToDouble(score -> score.meanScoreStdErr() * score.meanScoreStdErr()).sum())
                / scores.size();
    }

    static Predicate<BenchmarkScore> ofModel(String model) {
        return score -> score.modelId().equals(model);
    }

    static Predicate<BenchmarkScore> ofCategory(String model, Category category) {
        return score -> score.modelId().equals(model) && category == score.category();
    }

    /**
     * Whether the run's gauges may go: complete (every expected cell graded) and quiet for {@code finishedTtl}, or
     * quiet for {@code idleTtl} whatever its state. Quiet means no grade made and no manifest submitted since.
     */
    boolean expired(Instant now, Duration finishedTtl, Duration idleTtl) {
        Instant last = lastActivity();
        if (last == null) {
            return false;
        }
        Duration quiet = Duration.between(last, now);
        return quiet.compareTo(idleTtl) >= 0 || complete() && quiet.compareTo(finishedTtl) >= 0;
    }

    private boolean complete() {
        return !cells.isEmpty() && cells.values().stream().allMatch(cell -> cell.expectedTasks() >= 0
                && cell.score() != null && cell.score().graded() >= cell.expectedTasks());
    }

    private Instant lastActivity() {
        Instant last = submittedAt;
        for (LiveCell cell : cells.values()) {
            BenchmarkScore score = cell.score();
            if (score != null && (last == null || score.updatedAt().isAfter(last))) {
                last = score.updatedAt();
            }
        }
        return last;
    }

    private List<BenchmarkScore> scores(Predicate<BenchmarkScore> member) {
        return cells.values().stream().map(LiveCell::score).filter(Objects::nonNull)
                .filter(score -> score.meanScore() != null).filter(member).toList();
    }
}
