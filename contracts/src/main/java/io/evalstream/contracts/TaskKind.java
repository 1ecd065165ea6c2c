package io.evalstream.contracts;

import java.util.Locale;

/**
 * What a model is asked to do with a task. A benchmark declares it ({@code kind:} in its YAML); on the wire it
 * follows from the task's metric, so the settings hash, which covers the metric, covers the kind.
 */
public enum TaskKind {
    /** Generate text, from which the grader extracts an answer. */
    GENERATE,
    /** Score each of the task's choices as a continuation of the prompt; the most likely one is the answer. */
    MULTIPLE_CHOICE,
    /** Score the prompt itself, a whole text, by its log-probability (rolling windows past the context). */
    PERPLEXITY;

    /** The kind of a task by its metric's carried name ({@link GradingNames}); any added metric grades text. */
    public static TaskKind of(String metric) {
        return GradingNames.builtIn(Metric.class, metric).map(builtIn -> switch (builtIn) {
            case LIKELIHOOD_ACC -> MULTIPLE_CHOICE;
            case BITS_PER_BYTE -> PERPLEXITY;
            default -> GENERATE;
        }).orElse(GENERATE);
    }

    /** The name a benchmark YAML uses, {@code multiple_choice}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
