package io.evalstream.benchmarks.definition;

import io.evalstream.contracts.TaskKind;

/**
 * What a task asks of a model: to generate, or to score given continuations by likelihood.
 *
 * @param choices         multiple_choice only, else null
 * @param targetDelimiter multiple_choice only (one space by default), else null
 */
public record TaskShape(TaskKind kind, ChoiceRule choices, String targetDelimiter) {
}
