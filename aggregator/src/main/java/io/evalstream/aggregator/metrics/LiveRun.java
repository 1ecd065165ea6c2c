package io.evalstream.aggregator.metrics;

import io.evalstream.reports.scoring.RunCost;
import io.evalstream.reports.scoring.Scoring;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ScoreKey;
import io.micrometer.core.instrument.Meter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One run as this instance shows it: the cells it owns, with their meters; the run's expected cells (from the
 * manifest, on every instance); and, where this instance leads the run, the scores of the cells other instances own,
 * so the run's figures that span cells (ETA, category and overall scores) cover the whole run. Meters are tracked per
 * cell and per run so a cell that moves away, a run led elsewhere now, or an expired run loses exactly its own.
 */
final class LiveRun {

    private final ConcurrentMap<ScoreKey, LiveCell> cells = new ConcurrentHashMap<>();
    private final ConcurrentMap<ScoreKey, Long> expected = new ConcurrentHashMap<>();
    private volatile Map<ScoreKey, BenchmarkScore> elsewhere = Map.of();
    private final List<Meter> runMeters = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, Boolean> registered = new ConcurrentHashMap<>();
    private volatile Instant submittedAt;

    LiveCell cell(ScoreKey key, Function<ScoreKey, LiveCell> create) {
        return cells.computeIfAbsent(key, create);
    }

    /** The owned cells now, by key. */
    Map<ScoreKey, LiveCell> cells() {
        return Map.copyOf(cells);
    }

    /** Forgets an owned cell; returns its meters to remove, none when it was not here. */
    List<Meter> removeCell(ScoreKey key) {
        LiveCell removed = cells.remove(key);
        return removed == null ? List.of() : removed.meters();
    }

    void submitted(Instant at) {
        submittedAt = at;
    }

    void expect(ScoreKey key, long tasks) {
        expected.put(key, tasks);
    }

    Map<ScoreKey, Long> expected() {
        return Map.copyOf(expected);
    }

    /** The latest scores of the cells other instances own (for a run this instance leads). */
    void elsewhere(Map<ScoreKey, BenchmarkScore> scores) {
        elsewhere = Map.copyOf(scores);
    }

    /** @return true the first time {@code name} is marked, so each run-level meter is registered once */
    boolean firstTime(String name) {
        return registered.putIfAbsent(name, Boolean.TRUE) == null;
    }

    void trackRunMeter(Meter meter) {
        runMeters.add(meter);
    }

    /** Forgets the run-level meters (the run is led elsewhere now); returns them to remove. */
    List<Meter> dropRunMeters() {
        List<Meter> dropped = List.copyOf(runMeters);
        runMeters.clear();
        registered.clear();
        return dropped;
    }

    List<Meter> meters() {
        List<Meter> all = new ArrayList<>(runMeters);
        cells.values().forEach(cell -> all.addAll(cell.meters()));
        return all;
    }

    /** Seconds until every expected task is graded at the run's pace; NaN while unknown (manifest or first grade). */
    double etaSeconds(Instant now) {
        long expectedTasks = 0;
        long graded = 0;
        Long first = null;
        Map<ScoreKey, BenchmarkScore> scores = scores();
        Set<ScoreKey> keys = new HashSet<>(scores.keySet());
        keys.addAll(expected.keySet());
        for (ScoreKey key : keys) {
            Long tasks = expected.get(key);
            if (tasks == null || tasks < 0) {
                return Double.NaN;
            }
            expectedTasks += tasks;
            BenchmarkScore score = scores.get(key);
            if (score != null) {
                graded += score.graded();
                if (score.grading().firstGradedAt() != null) {
                    long at = score.grading().firstGradedAt().toEpochMilli();
                    first = first == null ? at : Math.min(first, at);
                }
            }
        }
        var eta = Scoring.eta(graded, expectedTasks, first, now);
        return eta.isPresent() ? eta.getAsDouble() : Double.NaN;
    }

    /** Mean of the matching cells' mean scores, each benchmark weighing the same; NaN while none has one. */
    double benchmarkMean(Predicate<BenchmarkScore> member) {
        return scored(member).stream().mapToDouble(score -> score.meanScore().value()).average().orElse(Double.NaN);
    }

    /** sqrt(sum of squared standard errors) / k over the matching cells; NaN while one lacks a standard error. */
    double benchmarkMeanStdErr(Predicate<BenchmarkScore> member) {
        List<BenchmarkScore> scores = scored(member);
        if (scores.isEmpty() || scores.stream().anyMatch(score -> score.meanScore().stdErr() == null)) {
            return Double.NaN;
        }
        return Math.sqrt(scores.stream().mapToDouble(score -> score.meanScore().stdErr() * score.meanScore().stdErr()).sum())
                / scores.size();
    }

    /**
     * US dollars the matching cells' latest answers cost; NaN while none of them is priced, so an unpriced model
     * shows no value rather than 0.
     */
    double costUsd(Predicate<BenchmarkScore> member) {
        Double usd = RunCost.of(scores().values().stream().filter(member).toList()).total().usd();
        return usd == null ? Double.NaN : usd;
    }

    static Predicate<BenchmarkScore> ofModel(String model) {
        return score -> score.cell().modelId().equals(model);
    }

    static Predicate<BenchmarkScore> ofCategory(String model, Category category) {
        return score -> score.cell().modelId().equals(model) && category == score.cell().category();
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

    /** Every cell's latest score this instance knows: its own cells' and, leading the run, the others'. */
    Map<ScoreKey, BenchmarkScore> scores() {
        Map<ScoreKey, BenchmarkScore> scores = new HashMap<>(elsewhere);
        cells.forEach((key, cell) -> {
            BenchmarkScore score = cell.score();
            if (score != null) {
                scores.put(key, score);
            }
        });
        return scores;
    }

    private boolean complete() {
        Map<ScoreKey, BenchmarkScore> scores = scores();
        return !expected.isEmpty() && expected.entrySet().stream().allMatch(entry -> entry.getValue() >= 0
                && scores.get(entry.getKey()) != null && scores.get(entry.getKey()).graded() >= entry.getValue());
    }

    private Instant lastActivity() {
        Instant last = submittedAt;
        for (BenchmarkScore score : scores().values()) {
            if (last == null || score.updatedAt().isAfter(last)) {
                last = score.updatedAt();
            }
        }
        return last;
    }

    private List<BenchmarkScore> scored(Predicate<BenchmarkScore> member) {
        return scores().values().stream().filter(score -> score.meanScore().value() != null).filter(member).toList();
    }
}
