package io.evalstream.reports.scoring;

import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Subset;
import java.util.List;

/**
 * The score of one subset (an MMLU subject) of a (model, benchmark) cell.
 *
 * @param group       the subset's group (e.g. {@code stem}); null when the benchmark does not group its subsets
 * @param estimates   accuracy (judged grades left out; errors and no-answers not correct; NONE when only judged
 *                    grades and errors were graded) and mean score
 * @param judged      grades with verdict JUDGED (judged answers are left out of accuracy)
 * @param judgeScores mean judge score (1-10) and its standard error per rubric dimension; empty when nothing was judged
 */
public record SubsetScore(String modelId, String benchmarkId, String subset, String group, long graded, long correct,
        ScoreEstimates estimates, long judged, List<DimensionScore> judgeScores) {

    public SubsetScore {
        judgeScores = List.copyOf(judgeScores);
    }

    static SubsetScore of(ScoreKey cell, Subset subset, Tally tally) {
        return new SubsetScore(cell.modelId(), cell.benchmarkId(), subset.id(), subset.group(), tally.graded(),
                tally.correct(), tally.estimates(), tally.judged(), tally.judgeScores());
    }
}
