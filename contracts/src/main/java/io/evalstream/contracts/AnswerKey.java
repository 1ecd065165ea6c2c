package io.evalstream.contracts;

import java.util.List;

/**
 * How a task's answer is graded and against what. {@link PromptTask} checks it and fills in the default metric.
 *
 * @param extraction how the grader extracts the answer: a registered extraction name, spelled as
 *                   {@link GradingNames} says ({@code NUMERIC}, {@code last_number})
 * @param metric     how the grader scores it, a registered metric name; omitted, a built-in extraction's
 *                   {@link Extraction#defaultMetric()}
 * @param reference  the correct answer in canonical form (a number, an option letter, LaTeX, a reference solution)
 * @param aliases    further answers that count as correct (TriviaQA aliases, DROP's other spans); may be empty
 * @param code       how to run a code completion; present exactly when the metric is {@code CODE_EXECUTION}
 */
public record AnswerKey(String extraction, String metric, String reference, List<String> aliases, CodeCheck code) {

    /** Graded by built-in names; a null metric is the extraction's default. */
    public static AnswerKey of(Extraction extraction, Metric metric, String reference, List<String> aliases,
            CodeCheck code) {
        return new AnswerKey(extraction.name(), metric == null ? null : metric.name(), reference, aliases, code);
    }

    /** One reference, graded by a built-in extraction's default metric. */
    public static AnswerKey of(Extraction extraction, String reference) {
        return new AnswerKey(extraction.name(), null, reference, List.of(), null);
    }
}
