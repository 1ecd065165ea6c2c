package io.evalstream.contracts;

/**
 * The built-in ways an extracted answer is scored against the reference (and its aliases); every metric scores in
 * [0, 1]. A task carries its metric as a registered name ({@link GradingNames}), of which these are the built-in ones.
 */
public enum Metric {
    /** 1 when the answers are equal after normalisation (case, punctuation, articles, whitespace). */
    EXACT_MATCH,
    /** 1 when both are numbers of equal value ({@code 1,000 == 1000.0}). */
    NUMERIC_EQUAL,
    /** SQuAD token F1 against the best-matching reference; CORRECT only at 1. */
    TOKEN_F1,
    /** 1 when the answer matches the reference or any alias, allowing small spelling differences. */
    ALIAS_MATCH,
    /** 1 when the LaTeX answers are mathematically the same ({@code \dfrac12 == \frac{1}{2} == 0.5}). */
    MATH_EQUIVALENCE,
    /** 1 when the program passes its tests in the sandbox. */
    CODE_EXECUTION,
    /**
     * A judge scores the text on a rubric's dimensions (see {@link Judging}); the score is the mean dimension
     * score scaled to [0, 1] and the verdict {@link Verdict#JUDGED}.
     */
    RUBRIC,
    /**
     * Multiple choice by likelihood, as lm-evaluation-harness's {@code multiple_choice} output type: CORRECT when the
     * reference choice has the highest summed log-probability ({@code acc}); the grade also records whether it has
     * the highest log-probability per byte ({@code acc_norm}).
     */
    LIKELIHOOD_ACC,
    /**
     * The log-probability of a whole text ({@code loglikelihood_rolling}); the verdict is {@link Verdict#MEASURED},
     * the score the geometric-mean probability per byte {@code 2^-bitsPerByte}, and the grade records nats, bytes
     * and tokens so a benchmark's bits per byte are summed over the corpus.
     */
    BITS_PER_BYTE;

    /** True for the metrics of tasks scored by log-probabilities rather than by generated text. */
    public boolean byLikelihood() {
        return this == LIKELIHOOD_ACC || this == BITS_PER_BYTE;
    }
}
