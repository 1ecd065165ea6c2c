package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Subset;
import java.util.List;
import java.util.Optional;

/**
 * The score of one subset (an MMLU subject) of a (model, benchmark) cell.
 *
 * @param group      the subset's group (e.g. {@code stem}); null when the benchmark does not group its subsets
 * @param accuracy   correct / graded, judged grades left out; errors and no-answers are not correct; null when
 *                   only judged grades and errors were graded
 * @param meanScore  mean of the grades' scores
 * @param meanScoreStdErr standard error of the mean score; null below 2 grades
 * @param judged      grades with verdict JUDGED (judged answers are left out of accuracy)
 * @param judgeScores mean judge score (1-10) and its standard error per rubric dimension; empty when nothing was judged
 */
public record SubsetScore(String modelId, String benchmarkId, String subset, String group, long graded, long correct,
        Double accuracy, Double ci95Low, Double ci95High, Double meanScore, Double meanScoreStdErr, long judged,
        List<DimensionScore> judgeScores) {

    public SubsetScore {
        judgeScores = List.copyOf(judgeScores);
    }

    static SubsetScore of(ScoreKey cell, Subset subset, Tally tally) {
        Optional<Interval> interval = Proportions.wilson95(tally.correct(), tally.accuracyTrials());
        return new SubsetScore(cell.modelId(), cell.benchmarkId(), subset.id(), subset.group(), tally.graded(),
                tally.correct(), Means.boxed(Proportions.ratio(tally.correct(), tally.accuracyTrials())),
                interval.map(Interval::lower).orElse(null), interval.map(Interval::upper).orElse(null),
                Means.boxed(tally.meanScore()), Means.boxed(tally.meanScoreStdErr()), tally.judged(),
                tally.judgeScores());
    }
}
