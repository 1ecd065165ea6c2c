package io.evalstream.reports.scoring;

import io.evalstream.contracts.Category;
import java.util.Objects;

/**
 * What a cell's grades say they are: the category and settings hash of the most recently added grade. Either is null
 * while nothing was added, or in a sum of cells that disagree on it.
 */
public record CellLabels(Category category, String settingsHash) {

    public static final CellLabels NONE = new CellLabels(null, null);

    /**
     * The labels of two sums of {@code mine} and {@code theirs} grades: those of the one that counts any, and where
     * both do, each label they share (null where they differ).
     */
    CellLabels plus(CellLabels other, long mine, long theirs) {
        if (theirs == 0) {
            return this;
        }
        if (mine == 0) {
            return other;
        }
        return new CellLabels(Objects.equals(category, other.category) ? category : null,
                Objects.equals(settingsHash, other.settingsHash) ? settingsHash : null);
    }
}
