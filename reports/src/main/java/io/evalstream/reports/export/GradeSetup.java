package io.evalstream.reports.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.Subset;

/**
 * What the task was asked under and who graded it.
 *
 * @param category the benchmark's category; null in a line exported before categories were, which the offline
 *                 report then cannot roll up by category
 * @param subset   the item's subset (an MMLU subject and its group); null when the item has none, and in a line
 *                 without a category (exported before subsets were)
 * @param grader   the grader's name and version; null when the grade record could not be read
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GradeSetup(Category category, Subset subset, String settingsHash, String grader) {

    public static GradeSetup of(GradeContext context) {
        return new GradeSetup(context.category(), context.subset(), context.settingsHash(), context.grader());
    }
}
