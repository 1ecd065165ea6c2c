package io.evalstream.benchmarks;

import io.evalstream.contracts.CodeCheck;
import io.evalstream.contracts.Subset;
import java.util.List;
import java.util.Map;

/**
 * One test item of a loaded benchmark: what a task needs besides its prompt.
 *
 * @param id        unique within the benchmark and valid inside a task id
 * @param reference the correct answer as graded (stripped, except a code reference, whose indentation matters)
 * @param aliases   further correct answers, without the reference and without repeats; may be empty
 * @param code      how to run a code completion; null unless the metric is CODE_EXECUTION
 * @param subset    the subset and its group; null when the benchmark has none
 * @param where     the data file and record it came from, for messages
 * @param context   what its templates see: the record's fields, the declared {@code fields}, {@code row} and the
 *                  subset's {@code subset}, {@code subset_name}, {@code subset_group}
 * @param cluster   the items it is not independent of share this value (the definition's {@code cluster}); null when
 *                  the benchmark declares none
 * @param choices   the continuations a multiple-choice item scores by likelihood, each with the target delimiter
 *                  before it; the reference is the right one's 0-based index. Null for other kinds
 */
public record Item(String id, String reference, List<String> aliases, CodeCheck code, Subset subset, String where,
        Map<String, Object> context, String cluster, List<String> choices) {

    public Item {
        aliases = List.copyOf(aliases);
        choices = choices == null ? null : List.copyOf(choices);
    }
}
