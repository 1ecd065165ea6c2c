package io.evalstream.worker.sim;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How one simulated model behaves. Of the calls that do not fail, a share {@code accuracy} is answered
 * correctly (an open-ended text is well written, a judge's scores track the text closely), a share
 * {@code noAnswerRate} gets text with no answer in it, and the rest a wrong (flawed, careless) answer.
 *
 * @param accuracy          probability of a correct answer, when neither benchmark nor category has its own
 * @param benchmarkAccuracy accuracy per benchmark id, overriding category and overall accuracy
 * @param categoryAccuracy  accuracy per benchmark category, overriding {@code accuracy}
 * @param latencyMedian     median of the log-normal latency; zero answers at once
 * @param latencySigma      standard deviation of the latency's logarithm (0 = always the median)
 * @param errorRate         probability of a terminal error instead of text
 * @param errorKinds        relative weight of each kind among the errors; empty means all SERVER_ERROR
 * @param noAnswerRate      probability of text without an extractable answer
 * @param seed              makes the answers of two models with equal profiles differ
 */
public record SimProfile(double accuracy, Map<String, Double> benchmarkAccuracy,
        Map<Category, Double> categoryAccuracy, Duration latencyMedian, double latencySigma, double errorRate,
        Map<ErrorKind, Double> errorKinds, double noAnswerRate, long seed) {

    public SimProfile {
        probability(accuracy, "accuracy");
        benchmarkAccuracy = Map.copyOf(Objects.requireNonNull(benchmarkAccuracy, "benchmarkAccuracy"));
        categoryAccuracy = Map.copyOf(Objects.requireNonNull(categoryAccuracy, "categoryAccuracy"));
        Objects.requireNonNull(latencyMedian, "latencyMedian");
        if (latencyMedian.isNegative()) {
            throw new IllegalArgumentException("latency-median must not be negative, got " + latencyMedian);
        }
        if (!(latencySigma >= 0 && latencySigma <= 5)) {
            throw new IllegalArgumentException("latency-sigma must be between 0 and 5, got " + latencySigma);
        }
        probability(errorRate, "error-rate");
        errorKinds = Map.copyOf(Objects.requireNonNull(errorKinds, "errorKinds"));
        errorKinds.forEach((kind, weight) -> {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("error-kinds." + kind + " must be a weight of 0 or more, got "
                        + weight);
            }
        });
        if (!errorKinds.isEmpty() && errorKinds.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("error-kinds " + errorKinds + " must give some kind a positive weight");
        }
        probability(noAnswerRate, "no-answer-rate");
        fitsWithNoAnswers(accuracy, noAnswerRate, "accuracy");
        for (Map.Entry<String, Double> entry : benchmarkAccuracy.entrySet()) {
            checkShare(entry.getValue(), noAnswerRate, "benchmark-accuracy." + entry.getKey());
        }
        for (Map.Entry<Category, Double> entry : categoryAccuracy.entrySet()) {
            checkShare(entry.getValue(), noAnswerRate, "category-accuracy." + entry.getKey());
        }
    }

    /** A profile without per-category accuracy and with SERVER_ERROR as its only error. */
    public SimProfile(double accuracy, Map<String, Double> benchmarkAccuracy, Duration latencyMedian,
            double latencySigma, double errorRate, double noAnswerRate, long seed) {
        this(accuracy, benchmarkAccuracy, Map.of(), latencyMedian, latencySigma, errorRate, Map.of(), noAnswerRate,
                seed);
    }

    /** A profile with the given accuracy, no latency, errors or missing answers. */
    public static SimProfile ofAccuracy(double accuracy, long seed) {
        return new SimProfile(accuracy, Map.of(), Duration.ZERO, 0, 0, 0, seed);
    }

    /** The accuracy on one benchmark: its own if set, else its category's, else the overall one. */
    public double accuracyFor(String benchmarkId, Category category) {
        Double own = benchmarkAccuracy.get(benchmarkId);
        if (own != null) {
            return own;
        }
        return categoryAccuracy.getOrDefault(category, accuracy);
    }

    /** The kind of an error, from a uniform draw in [0, 1). */
    public ErrorKind errorKind(double draw) {
        double total = errorKinds.values().stream().mapToDouble(Double::doubleValue).sum();
        double left = draw * total;
        ErrorKind chosen = ErrorKind.SERVER_ERROR;
        // Enum order, so the choice does not depend on the map's iteration order.
        for (ErrorKind kind : ErrorKind.values()) {
            double weight = errorKinds.getOrDefault(kind, 0.0);
            if (weight > 0) {
                chosen = kind;
                if (left < weight) {
                    return kind;
                }
                left -= weight;
            }
        }
        return chosen; // only when rounding left a sliver past the last weight
    }

    private static void checkShare(double value, double noAnswerRate, String name) {
        probability(value, name);
        fitsWithNoAnswers(value, noAnswerRate, name);
    }

    private static void probability(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability between 0 and 1, got " + value);
        }
    }

    private static void fitsWithNoAnswers(double accuracy, double noAnswerRate, String name) {
        if (accuracy + noAnswerRate > 1) {
            throw new IllegalArgumentException(name + " (" + accuracy + ") plus no-answer-rate (" + noAnswerRate
                    + ") must not exceed 1: they are shares of the same answered calls");
        }
    }
}
