package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ScoreKey;
import java.util.List;
import java.util.Optional;

/**
 * The score of one group of subsets (MMLU's stem, humanities, social_sciences, other) of a (model, benchmark)
 * cell: every graded task whose subset is in the group, pooled (not a mean of subject means).
 *
 * @param meanScoreStdErr standard error of the mean score; null below 2 grades
 * @param judged      grades with verdict JUDGED (judged answers are left out of accuracy)
 * @param judgeScores mean judge score (1-10) and its standard error per rubric dimension; empty when nothing was judged
 */
public record GroupScore(String modelId, String benchmarkId, String group, long graded, long correct,
        Double accuracy, Double ci95Low, Double ci95High, Double meanScore, Double meanScoreStdErr, long judged,
        List<DimensionScore> judgeScores) {

    public GroupScore {
        judgeScores = List.copyOf(judgeScores);
    }

    static GroupScore of(ScoreKey cell, String group, Tally tally) {
        Optional<Interval> interval = Proportions.wilson95(tally.correct(), tally.accuracyTrials());
        return new GroupScore(cell.modelId(), cell.benchmarkId(), group, tally.graded(), tally.correct(),
                Means.boxed(Proportions.ratio(tally.correct(), tally.accuracyTrials())),
                interval.map(Interval::lower).orElse(null), interval.map(Interval::upper).orElse(null),
                Means.boxed(tally.meanScore()), Means.boxed(tally.meanScoreStdErr()), tally.judged(),
                tally.judgeScores());
    }
}
