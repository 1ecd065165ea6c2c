package io.evalstream.reports.analysis;

import io.evalstream.reports.analysis.PowerLawFit.PowerLaw;
import java.util.List;

/**
 * Power laws of loss (1 - mean score) against a scale axis across the members of one model family in one run.
 *
 * @param x          the axis: {@code trainingFlops} or {@code parameters}
 * @param withoutX   family members left out because their metadata does not give the axis
 * @param benchmarks one fit per benchmark any member has grades on, by benchmark id
 * @param overall    the fit of the mean over benchmarks (each weighing the same) of the benchmarks every member
 *                   with grades has
 */
public record ScalingReport(String runId, String family, String x, List<String> withoutX, List<ScalingFit> benchmarks,
        ScalingFit overall) {

    /**
     * One scope's points and fit.
     *
     * @param benchmarkId the benchmark; null for the overall mean
     * @param points      one per member with grades in this scope, by x
     * @param lossFit     loss = a * x^b; null when the points cannot be fitted ({@code note} says why)
     * @param prediction  at the requested x; null when none was requested or there is no fit
     * @param note        why there is no fit, or which benchmarks the overall mean takes; null otherwise
     */
    public record ScalingFit(String benchmarkId, List<ScalingPoint> points, PowerLaw lossFit,
            ScalingPrediction prediction, String note) {
    }

    /** A member's x, mean score and loss = 1 - score. */
    public record ScalingPoint(String modelId, double x, double score, double loss) {
    }

    /**
     * The predicted loss and score (1 - loss) of a member at {@code x}, with 95% prediction intervals (null below 3
     * points). The score interval is the loss interval turned over: [1 - lossHigh, 1 - lossLow].
     */
    public record ScalingPrediction(double x, double loss, Double lossLow, Double lossHigh, double score,
            Double scoreLow, Double scoreHigh) {
    }
}
