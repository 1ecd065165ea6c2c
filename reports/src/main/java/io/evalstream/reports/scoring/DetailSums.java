package io.evalstream.reports.scoring;

import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.Verdict;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a cell keeps beyond verdicts and score sums, for the benchmarks that need it: judge scores, likelihood sums
 * and every scorer's counts. Each is empty for other cells and in state written before it existed.
 *
 * @param dimensions judge score moments per rubric dimension, at most {@link GradedSample#MAX_DIMENSIONS}. A
 *                   dimension stays (at n = 0) until the cell empties, so a score left out because the cell was full
 *                   is also left out when its grade is subtracted.
 * @param likelihood MEASURED count, acc_norm count and the corpus sums of grades scored by likelihood
 * @param byChoice   grades of multiple choice by likelihood (CORRECT or INCORRECT with an acc_norm verdict)
 * @param scorers    per scorer of a benchmark that declares several, its counts (the headline's too). The
 *                   evaluation's own errors are left out, as they are of accuracy.
 */
public record DetailSums(Map<String, Moments> dimensions, LikelihoodSums likelihood, long byChoice,
        Map<String, ScorerTally> scorers) {

    public static final DetailSums NONE = new DetailSums(null, null, 0, null);

    public DetailSums {
        dimensions = sorted(dimensions);
        likelihood = likelihood == null ? LikelihoodSums.EMPTY : likelihood;
        scorers = sorted(scorers);
    }

    /** These sums with a sample added ({@code delta} 1) or taken back (-1). */
    DetailSums move(GradedSample sample, int delta) {
        LikelihoodSums sums = sample.detail().likelihood();
        boolean choice = sums != null && sample.verdict() != Verdict.MEASURED;
        return new DetailSums(moveScores(sample.detail().judgeScoresOrEmpty(), delta), likelihood.move(sums, delta),
                byChoice + (choice ? delta : 0), moveScorers(sample, delta));
    }

    DetailSums plus(DetailSums other) {
        TreeMap<String, Moments> moments = new TreeMap<>(dimensions);
        other.dimensions.forEach((dimension, more) -> moments.merge(dimension, more, Moments::plus));
        TreeMap<String, ScorerTally> sum = new TreeMap<>(scorers);
        other.scorers.forEach((scorer, tally) -> sum.merge(scorer, tally, ScorerTally::plus));
        return new DetailSums(moments, likelihood.plus(other.likelihood), byChoice + other.byChoice, sum);
    }

    private Map<String, Moments> moveScores(Map<String, Double> scores, int delta) {
        if (scores.isEmpty()) {
            return dimensions;
        }
        TreeMap<String, Moments> next = new TreeMap<>(dimensions);
        scores.forEach((dimension, score) -> {
            Moments moments = next.get(dimension);
            if (moments != null) {
                next.put(dimension, delta > 0 ? moments.add(score) : moments.remove(score));
            } else if (delta > 0 && next.size() < GradedSample.MAX_DIMENSIONS) {
                next.put(dimension, Moments.EMPTY.add(score));
            }
            // else: left out when added (the cell was full), so left out when subtracted
        });
        return next;
    }

    private Map<String, ScorerTally> moveScorers(GradedSample sample, int delta) {
        List<ScorerVerdict> verdicts = sample.detail().scoresOrEmpty();
        if (verdicts.isEmpty() || sample.unscored()) {
            return scorers;
        }
        TreeMap<String, ScorerTally> next = new TreeMap<>(scorers);
        for (int i = 0; i < verdicts.size(); i++) {
            ScorerVerdict verdict = verdicts.get(i);
            ScorerTally moved = next.getOrDefault(verdict.scorer(), ScorerTally.EMPTY).move(i, verdict.verdict(),
                    verdict.score(), delta);
            if (moved.graded() == 0) {
                next.remove(verdict.scorer());
            } else {
                next.put(verdict.scorer(), moved);
            }
        }
        return next;
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
