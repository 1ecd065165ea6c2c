package io.evalstream.contracts;

import java.time.Instant;

/**
 * What a grade is of and what made it, when.
 *
 * @param subset the item's subset (an MMLU subject), copied from the task; null for none
 * @param grader extraction, metric and version, e.g. {@code numeric/numeric_equal@1}
 */
public record GradeContext(Category category, Subset subset, String grader, String settingsHash, Instant gradedAt) {

    public GradeContext {
        Require.present(category, "category");
        Require.nonBlank(grader, "grader");
        Require.nonBlank(settingsHash, "settingsHash");
        Require.present(gradedAt, "gradedAt");
    }

    /** The context of a grade of {@code task} by {@code grader}. */
    public static GradeContext of(PromptTask task, String grader, Instant gradedAt) {
        return new GradeContext(task.category(), task.subset(), grader, task.settingsHash(), gradedAt);
    }
}
