package io.evalstream.reports.scoring;

import io.evalstream.contracts.Judgement;
import io.evalstream.contracts.ScorerVerdict;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a sample adds to its cell beyond its verdict and score: the judge's scores and labels, its sums by likelihood
 * and every scorer's verdict (as {@link DetailSums} counts them). Each part is null when the sample has none, so
 * a plain sample costs nothing in the changelog.
 *
 * @param judgeScores the judge's score (1-10) per rubric dimension, at most {@link GradedSample#MAX_DIMENSIONS} (the
 *                    first by name); null unless the verdict is JUDGED
 * @param labels      the judge's categorical findings (e.g. age_group), at most {@link GradedSample#MAX_LABELS}
 * @param likelihood  what a grade scored by likelihood adds to its cell's sums; null for any other grade
 * @param scores      every scorer's verdict and score (without the extracted answer, which no tally needs), the
 *                    headline first; null for a grade of a task with only its default scorer, and in older state
 */
public record SampleDetail(Map<String, Double> judgeScores, Map<String, String> labels, LikelihoodSums likelihood,
        List<ScorerVerdict> scores) {

    public static final SampleDetail NONE = new SampleDetail(null, null, null, null);

    public SampleDetail {
        judgeScores = judgeScores == null || judgeScores.isEmpty() ? null
                : first(judgeScores, GradedSample.MAX_DIMENSIONS);
        labels = labels == null || labels.isEmpty() ? null : first(labels, GradedSample.MAX_LABELS);
        if (judgeScores != null && judgeScores.values().stream().anyMatch(value -> value == null
                || !(value >= Judgement.MIN_SCORE && value <= Judgement.MAX_SCORE))) {
            throw new IllegalArgumentException("judge scores must be in [1, 10], got " + judgeScores);
        }
        scores = scores == null || scores.isEmpty() ? null : List.copyOf(scores);
    }

    /** A judged sample's: the judge's scores per dimension and its labels (either may be null). */
    public static SampleDetail judged(Map<String, Double> judgeScores, Map<String, String> labels) {
        return new SampleDetail(judgeScores, labels, null, null);
    }

    /** A sample's of a task with several scorers: their verdicts, the headline first. */
    public static SampleDetail scored(List<ScorerVerdict> scores) {
        return new SampleDetail(null, null, null, scores);
    }

    /** A sample's scored by likelihood. */
    public static SampleDetail measured(LikelihoodSums likelihood) {
        return new SampleDetail(null, null, likelihood, null);
    }

    public Map<String, Double> judgeScoresOrEmpty() {
        return judgeScores == null ? Map.of() : judgeScores;
    }

    public Map<String, String> labelsOrEmpty() {
        return labels == null ? Map.of() : labels;
    }

    /** Every scorer's verdict, the headline first; empty for a task with only its default scorer. */
    public List<ScorerVerdict> scoresOrEmpty() {
        return scores == null ? List.of() : scores;
    }

    /** This detail without the labels, which are rolled up at request time rather than tallied. */
    SampleDetail withoutLabels() {
        return labels == null ? this : new SampleDetail(judgeScores, null, likelihood, scores);
    }

    private static <V> SortedMap<String, V> first(Map<String, V> map, int limit) {
        TreeMap<String, V> sorted = new TreeMap<>(map);
        while (sorted.size() > limit) {
            sorted.pollLastEntry();
        }
        return Collections.unmodifiableSortedMap(sorted);
    }
}
