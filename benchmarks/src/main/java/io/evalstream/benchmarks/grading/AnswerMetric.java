package io.evalstream.benchmarks.grading;

/**
 * A named way to score an extracted answer against the accepted ones, looked up by {@link ScorerRegistry} under
 * {@link #name()} (the {@code metric} of a benchmark's scorer). To add one: write the class, add it to
 * {@link ScorerRegistry#METRICS}. Every score is in [0, 1].
 */
public interface AnswerMetric {

    /** The name definitions use, lower case, e.g. {@code numeric_equal}. */
    String name();

    /** Brings the answer and every reference into the form {@link #matcher()} compares. */
    Normalizer normalizer();

    AnswerMatcher matcher();

    /** True when answers are compared as LaTeX; other metrics get a LaTeX answer as plain text. */
    default boolean readsLatex() {
        return false;
    }

    /** True when the answer must be exactly one number; other extractors' answers are checked to hold one. */
    default boolean wantsOneNumber() {
        return false;
    }
}
