package io.evalstream.reports.analysis;

import io.evalstream.reports.analysis.PowerLawFit.Prediction;
import io.evalstream.reports.analysis.ScalingReport.ScalingFit;
import io.evalstream.reports.analysis.ScalingReport.ScalingPoint;
import io.evalstream.reports.analysis.ScalingReport.ScalingPrediction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Scaling laws across a model family: per benchmark and overall, loss = 1 - mean score against the members'
 * training compute or parameters, fitted as a power law, and optionally a prediction for a larger member.
 */
public final class ScalingAnalysis {

    private ScalingAnalysis() {
    }

    /**
     * @param members the family's members and their x
     * @param means   mean score by model, then benchmark (from {@link CellMeans}); members without grades are absent
     * @param predict x to predict at; empty for no prediction
     */
    public static ScalingReport of(String runId, String family, ScaleAxis axis, FamilyMembers members,
            Map<String, Map<String, Double>> means, OptionalDouble predict) {
        TreeSet<String> benchmarks = new TreeSet<>();
        members.withX().keySet().forEach(model -> benchmarks.addAll(means.getOrDefault(model, Map.of()).keySet()));
        List<ScalingFit> fits = benchmarks.stream().map(benchmark -> fit(benchmark, points(members, model ->
                means.getOrDefault(model, Map.of()).get(benchmark)), predict, null)).toList();
        return new ScalingReport(runId, family, axis.field(), members.withoutX(), fits,
                overall(members, means, predict));
    }

    /** Each member's mean over the benchmarks that every member with grades has, each benchmark weighing the same. */
    private static ScalingFit overall(FamilyMembers members, Map<String, Map<String, Double>> means,
            OptionalDouble predict) {
        List<Map<String, Double>> graded = members.withX().keySet().stream().map(means::get)
                .filter(scores -> scores != null && !scores.isEmpty()).toList();
        TreeSet<String> common = graded.isEmpty() ? new TreeSet<>() : new TreeSet<>(graded.getFirst().keySet());
        graded.forEach(scores -> common.retainAll(scores.keySet()));
        List<ScalingPoint> points = common.isEmpty() ? List.of() : points(members, model -> {
            Map<String, Double> scores = means.get(model);
            return scores == null ? null : common.stream().mapToDouble(scores::get).average().orElseThrow();
        });
        return fit(null, points, predict, common.isEmpty() ? "no benchmark has grades of every member"
                : "mean over " + String.join(", ", common));
    }

    private static List<ScalingPoint> points(FamilyMembers members, Function<String, Double> score) {
        List<ScalingPoint> points = new ArrayList<>();
        members.withX().forEach((model, x) -> {
            Double mean = score.apply(model);
            if (mean != null) {
                points.add(new ScalingPoint(model, x, mean, 1 - mean));
            }
        });
        points.sort(Comparator.comparingDouble(ScalingPoint::x).thenComparing(ScalingPoint::modelId));
        return points;
    }

    private static ScalingFit fit(String benchmarkId, List<ScalingPoint> points, OptionalDouble predict, String note) {
        String problem = problem(points);
        if (problem != null) {
            return new ScalingFit(benchmarkId, points, null, null, note == null ? problem : note + "; " + problem);
        }
        PowerLawFit fit = PowerLawFit.fit(points.stream().mapToDouble(ScalingPoint::x).toArray(),
                points.stream().mapToDouble(ScalingPoint::loss).toArray());
        ScalingPrediction prediction = predict.isPresent() ? prediction(fit.predict(predict.getAsDouble())) : null;
        return new ScalingFit(benchmarkId, points, fit.parameters(), prediction, note);
    }

    /** Why these points cannot be fitted; null when they can. */
    private static String problem(List<ScalingPoint> points) {
        if (points.stream().map(ScalingPoint::x).distinct().count() < 2) {
            return "a power law needs members with grades at two or more different x, got " + points.size()
                    + " member(s)";
        }
        return points.stream().filter(point -> !(point.loss() > 0)).findFirst()
                .map(point -> point.modelId() + " has loss 0 (every sample scored 1); a power law needs positive"
                        + " losses")
                .orElse(null);
    }

    private static ScalingPrediction prediction(Prediction loss) {
        return new ScalingPrediction(loss.x(), loss.y(), loss.low(), loss.high(), 1 - loss.y(),
                loss.high() == null ? null : 1 - loss.high(), loss.low() == null ? null : 1 - loss.low());
    }
}
