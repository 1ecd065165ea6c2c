package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Verdict;
import java.util.Objects;

/**
 * What the aggregator keeps of a grade: the cell it counts in, its verdict, and the labels the cell
 * reports. Kept instead of the whole grade so the latest-grade table and its changelog stay small.
 */
public record GradedSample(ScoreKey cell, Verdict verdict, Category category, String settingsHash) {

    public GradedSample {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(settingsHash, "settingsHash");
    }

    public static GradedSample of(Grade grade) {
        return new GradedSample(grade.taskId().scoreKey(), grade.verdict(), grade.category(), grade.settingsHash());
    }
}
