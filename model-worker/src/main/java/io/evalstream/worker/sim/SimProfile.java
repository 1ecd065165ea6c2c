package io.evalstream.worker.sim;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How one simulated model behaves. Of the calls that do not fail, a share {@code accuracy} is answered
 * correctly, a share {@code noAnswerRate} gets text with no answer in it, and the rest a wrong answer.
 *
 * @param accuracy          probability of a correct answer, when the benchmark has no override
 * @param benchmarkAccuracy accuracy per benchmark id, overriding {@code accuracy}
 * @param latencyMedian     median of the log-normal latency; zero answers at once
 * @param latencySigma      standard deviation of the latency's logarithm (0 = always the median)
 * @param errorRate         probability of a terminal SERVER_ERROR instead of text
 * @param noAnswerRate      probability of text without an extractable answer
 * @param seed              makes the answers of two models with equal profiles differ
 */
public record SimProfile(double accuracy, Map<String, Double> benchmarkAccuracy, Duration latencyMedian,
        double latencySigma, double errorRate, double noAnswerRate, long seed) {

    public SimProfile {
        probability(accuracy, "accuracy");
        benchmarkAccuracy = Map.copyOf(Objects.requireNonNull(benchmarkAccuracy, "benchmarkAccuracy"));
        Objects.requireNonNull(latencyMedian, "latencyMedian");
        if (latencyMedian.isNegative()) {
            throw new IllegalArgumentException("latency-median must not be negative, got " + latencyMedian);
        }
        if (!(latencySigma >= 0 && latencySigma <= 5)) {
            throw new IllegalArgumentException("latency-sigma must be between 0 and 5, got " + latencySigma);
        }
        probability(errorRate, "error-rate");
        probability(noAnswerRate, "no-answer-rate");
        fitsWithNoAnswers(accuracy, noAnswerRate, "accuracy");
        for (Map.Entry<String, Double> entry : benchmarkAccuracy.entrySet()) {
            String name = "benchmark-accuracy." + entry.getKey();
            probability(entry.getValue(), name);
            fitsWithNoAnswers(entry.getValue(), noAnswerRate, name);
        }
    }

    /** A profile with the given accuracy, no latency, errors or missing answers. */
    public static SimProfile ofAccuracy(double accuracy, long seed) {
        return new SimProfile(accuracy, Map.of(), Duration.ZERO, 0, 0, 0, seed);
    }

    public double accuracyFor(String benchmarkId) {
        return benchmarkAccuracy.getOrDefault(benchmarkId, accuracy);
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
