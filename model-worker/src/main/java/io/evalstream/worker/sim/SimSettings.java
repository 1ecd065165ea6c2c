package io.evalstream.worker.sim;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One layer of simulator settings (a named profile, or a model's own overrides): whatever a layer leaves
 * out comes from the layer below it. Per-benchmark, per-category and error-kind entries merge key by key.
 */
public record SimSettings(OptionalDouble accuracy, Map<String, Double> benchmarkAccuracy,
        Map<Category, Double> categoryAccuracy, Optional<Duration> latencyMedian, OptionalDouble latencySigma,
        OptionalDouble errorRate, Map<ErrorKind, Double> errorKinds, OptionalDouble noAnswerRate,
        OptionalLong seed) {

    /** A layer that sets nothing. */
    public static final SimSettings NONE = new SimSettings(OptionalDouble.empty(), Map.of(), Map.of(),
            Optional.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Map.of(), OptionalDouble.empty(),
            OptionalLong.empty());

    /** What a model gets when no layer sets a value. */
    private static final SimProfile DEFAULTS = new SimProfile(0.5, Map.of(), Duration.ZERO, 0.5, 0, 0, 0);

    public SimSettings {
        Objects.requireNonNull(accuracy, "accuracy");
        benchmarkAccuracy = Map.copyOf(benchmarkAccuracy);
        categoryAccuracy = Map.copyOf(categoryAccuracy);
        Objects.requireNonNull(latencyMedian, "latencyMedian");
        Objects.requireNonNull(latencySigma, "latencySigma");
        Objects.requireNonNull(errorRate, "errorRate");
        errorKinds = Map.copyOf(errorKinds);
        Objects.requireNonNull(noAnswerRate, "noAnswerRate");
        Objects.requireNonNull(seed, "seed");
    }

    /** A layer of accuracy and no-answer rate only. */
    static SimSettings of(double accuracy, double noAnswerRate) {
        return new SimSettings(OptionalDouble.of(accuracy), Map.of(), Map.of(), Optional.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Map.of(), OptionalDouble.of(noAnswerRate),
                OptionalLong.empty());
    }

    /** This layer on top of {@code below}: this layer's values win. */
    public SimSettings over(SimSettings below) {
        return new SimSettings(first(accuracy, below.accuracy), merge(below.benchmarkAccuracy, benchmarkAccuracy),
                merge(below.categoryAccuracy, categoryAccuracy),
                latencyMedian.isPresent() ? latencyMedian : below.latencyMedian,
                first(latencySigma, below.latencySigma), first(errorRate, below.errorRate),
                errorKinds.isEmpty() ? below.errorKinds : errorKinds, first(noAnswerRate, below.noAnswerRate),
                seed.isPresent() ? seed : below.seed);
    }

    /**
     * The profile these settings describe, defaults filled in (accuracy 0.5, no latency, errors or missing
     * answers, latency sigma 0.5); without a seed, {@code defaultSeed}.
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public SimProfile resolve(long defaultSeed) {
        return new SimProfile(accuracy.orElse(DEFAULTS.accuracy()), benchmarkAccuracy, categoryAccuracy,
                latencyMedian.orElse(DEFAULTS.latencyMedian()), latencySigma.orElse(DEFAULTS.latencySigma()),
                errorRate.orElse(DEFAULTS.errorRate()), errorKinds, noAnswerRate.orElse(DEFAULTS.noAnswerRate()),
                seed.orElse(defaultSeed));
    }

    private static OptionalDouble first(OptionalDouble own, OptionalDouble below) {
        return own.isPresent() ? own : below;
    }

    private static <K> Map<K, Double> merge(Map<K, Double> below, Map<K, Double> own) {
        Map<K, Double> merged = new HashMap<>(below);
        merged.putAll(own);
        return merged;
    }
}
