package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.Verdict;
import java.util.Objects;

/**
 * What the aggregator keeps of a grade: the cell it counts in, its verdict and score, and the labels the
 * cell reports. Kept instead of the whole grade so the latest-grade table and its changelog stay small.
 *
 * @param score  the grade's score in [0, 1] (partial for token F1)
 * @param subset the item's subset (an MMLU subject and its group); null for none
 */
public record GradedSample(ScoreKey cell, Verdict verdict, double score, Category category, String settingsHash,
        Subset subset) {

    public GradedSample {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(settingsHash, "settingsHash");
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("a sample's score must be in [0, 1], got " + score);
        }
    }

    public static GradedSample of(Grade grade) {
        return new GradedSample(grade.taskId().scoreKey(), grade.verdict(), grade.score(), grade.category(),
                grade.settingsHash(), grade.subset());
    }

    /**
     * This sample without its subset: all a cell's tally needs, so the subset is not shipped through the
     * repartition topic (subsets are rolled up at request time from the latest-grade table).
     */
    public GradedSample withoutSubset() {
        return subset == null ? this : new GradedSample(cell, verdict, score, category, settingsHash, null);
    }
}
