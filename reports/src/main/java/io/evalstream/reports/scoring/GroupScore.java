package io.evalstream.reports.scoring;

import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.ScoreKey;
import java.util.List;

/**
 * The score of one group of subsets (MMLU's stem, humanities, social_sciences, other) of a (model, benchmark)
 * cell: every graded task whose subset is in the group, pooled (not a mean of subject means).
 *
 * @param estimates   accuracy (judged grades left out; errors and no-answers not correct) and mean score
 * @param judged      grades with verdict JUDGED (judged answers are left out of accuracy)
 * @param judgeScores mean judge score (1-10) and its standard error per rubric dimension; empty when nothing was judged
 */
public record GroupScore(String modelId, String benchmarkId, String group, long graded, long correct,
        ScoreEstimates estimates, long judged, List<DimensionScore> judgeScores) {

    public GroupScore {
        judgeScores = List.copyOf(judgeScores);
    }

    static GroupScore of(ScoreKey cell, String group, Tally tally) {
        return new GroupScore(cell.modelId(), cell.benchmarkId(), group, tally.graded(), tally.correct(),
                tally.estimates(), tally.judged(), tally.judgeScores());
    }
}
