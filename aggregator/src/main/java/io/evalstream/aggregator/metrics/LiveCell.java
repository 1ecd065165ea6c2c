package io.evalstream.aggregator.metrics;

import io.evalstream.reports.scoring.Scoring;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.LatencySummary;
import io.evalstream.contracts.ScorerScore;
import io.micrometer.core.instrument.Meter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What the gauges of one cell read: its latest score (from the tally table, so idempotent) and its
 * expected count (from the run manifest). Written by the housekeeping thread, read by scrapes.
 * A value not known yet reads as NaN, which Prometheus shows as such instead of a misleading 0.
 */
final class LiveCell {

    private final AtomicReference<BenchmarkScore> score = new AtomicReference<>();
    private volatile long expected = -1;
    private final Set<String> dimensions = ConcurrentHashMap.newKeySet();
    private final List<Meter> meters = new CopyOnWriteArrayList<>();

    void track(Meter meter) {
        meters.add(meter);
    }

    List<Meter> meters() {
        return List.copyOf(meters);
    }

    void update(BenchmarkScore latest) {
        score.set(latest);
    }

    void expect(long tasks) {
        expected = tasks;
    }

    double accuracy() {
        return ratio(score -> score.accuracy().value());
    }

    double lower() {
        return ratio(score -> score.accuracy().low());
    }

    double upper() {
        return ratio(score -> score.accuracy().high());
    }

    double anytimeLower() {
        return ratio(score -> score.detail().anytime95() == null ? null : score.detail().anytime95().low());
    }

    double anytimeUpper() {
        return ratio(score -> score.detail().anytime95() == null ? null : score.detail().anytime95().high());
    }

    double bitsPerByte() {
        return ratio(score -> score.detail().likelihood() == null ? null : score.detail().likelihood().bitsPerByte());
    }

    double accNorm() {
        return ratio(score -> score.detail().likelihood() == null ? null : score.detail().likelihood().accNorm());
    }

    double meanScore() {
        return ratio(score -> score.meanScore().value());
    }

    double meanScoreStdErr() {
        return ratio(score -> score.meanScore().stdErr());
    }

    /** The cell's latest score; null before the first. */
    BenchmarkScore score() {
        return score.get();
    }

    double errors(ErrorKind kind) {
        BenchmarkScore current = score.get();
        return current == null ? 0 : current.calls().errorKinds().getOrDefault(kind, 0L);
    }

    /** Latency quantile in seconds: 0.5, 0.95 or 0.99; NaN before the first latency. */
    double latencySeconds(double quantile) {
        BenchmarkScore current = score.get();
        LatencySummary latency = current == null ? null : current.calls().latency();
        if (latency == null) {
            return Double.NaN;
        }
        double millis = quantile <= 0.5 ? latency.p50Millis() : quantile <= 0.95 ? latency.p95Millis()
                : latency.p99Millis();
        return millis / 1000.0;
    }

    double promptTokens() {
        BenchmarkScore current = score.get();
        return current == null ? 0 : current.calls().tokens().promptTokens();
    }

    double completionTokens() {
        BenchmarkScore current = score.get();
        return current == null ? 0 : current.calls().tokens().completionTokens();
    }

    double graded() {
        return count(BenchmarkScore::graded);
    }

    double correct() {
        return count(score -> score.counts().correct());
    }

    double errors() {
        return count(score -> score.counts().errors());
    }

    double judged() {
        return count(score -> score.counts().judged());
    }

    /** The mean judge score (1-10) of one rubric dimension; NaN while the cell has none. */
    double judgeMean(String dimension) {
        BenchmarkScore current = score.get();
        if (current == null) {
            return Double.NaN;
        }
        return current.detail().judgeScores().stream().filter(judge -> judge.dimension().equals(dimension))
                .mapToDouble(DimensionScore::mean).findFirst().orElse(Double.NaN);
    }

    /** One scorer's accuracy or mean score, by name; NaN while the cell has no such scorer (or no figure). */
    double scorer(String name, Function<ScorerScore, Double> figure) {
        return ratio(current -> current.scorer(name).map(figure).orElse(null));
    }

    /**
     * Marks a dimension as having a gauge.
     *
     * @return true the first time the dimension is seen in this cell
     */
    boolean firstSeen(String dimension) {
        return dimensions.add(dimension);
    }

    /** How many scorers have gauges in this cell. */
    long scorerNames() {
        return dimensions.stream().filter(seen -> seen.startsWith("scorer:")).count();
    }

    /** The expected count; -1 while unknown. */
    long expectedTasks() {
        return expected;
    }

    double expected() {
        long tasks = expected;
        return tasks < 0 ? Double.NaN : tasks;
    }

    double progress() {
        long tasks = expected;
        return tasks < 0 ? Double.NaN : Scoring.progress((long) graded(), tasks);
    }

    private double count(ToDoubleFunction<BenchmarkScore> field) {
        BenchmarkScore current = score.get();
        return current == null ? 0 : field.applyAsDouble(current);
    }

    private double ratio(Function<BenchmarkScore, Double> field) {
        BenchmarkScore current = score.get();
        Double value = current == null ? null : field.apply(current);
        return value == null ? Double.NaN : value;
    }
}
