package io.evalstream.contracts;

/**
 * The built-in ways the grader pulls the answer out of a completion before its metric compares it with the reference.
 * A task carries its extraction as a registered name ({@link GradingNames}), of which these are the built-in ones.
 */
public enum Extraction {
    /** GSM8K / GPT-Fathom style: the number after "The answer is", else the last number in the text. */
    NUMERIC,
    /** The option letter after "The answer is", else the first standalone option letter. */
    MULTIPLE_CHOICE,
    /** MATH style: the content of the last {@code \boxed{...}}, else what follows "The final answer is". */
    BOXED,
    /** Short-answer style (DROP, TriviaQA): the text after "The answer is" up to the end of its sentence, else the first line. */
    ANSWER_LINE,
    /** HumanEval style: the first fenced code block, else the completion as written (a continuation of the prompt). */
    CODE,
    /** Open-ended output (a story continuation): the whole completion, trimmed, judged on a rubric. */
    TEXT,
    /**
     * No text to extract: the backend scores given continuations by their log-probability (multiple choice by
     * likelihood, perplexity of a text); see {@link TaskKind}.
     */
    LIKELIHOOD;

    /** The metric a task gets when it names only its extraction, so tasks written before metrics existed grade as before. */
    public Metric defaultMetric() {
        return switch (this) {
            case NUMERIC -> Metric.NUMERIC_EQUAL;
            case MULTIPLE_CHOICE, ANSWER_LINE -> Metric.EXACT_MATCH;
            case BOXED -> Metric.MATH_EQUIVALENCE;
            case CODE -> Metric.CODE_EXECUTION;
            case TEXT -> Metric.RUBRIC;
            case LIKELIHOOD -> Metric.LIKELIHOOD_ACC;
        };
    }
}
