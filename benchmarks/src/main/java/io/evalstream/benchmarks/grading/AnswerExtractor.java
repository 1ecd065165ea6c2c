package io.evalstream.benchmarks.grading;

/**
 * A named way to find the answer in a completion's text, looked up by {@link ScorerRegistry} under {@link #name()}
 * (the {@code extraction} of a benchmark's scorer). To add one: write the class, add it to
 * {@link ScorerRegistry#EXTRACTORS}. Implementations are pure and run in time linear in the text length.
 */
public interface AnswerExtractor {

    /** The name definitions use, lower case, e.g. {@code answer_line}. */
    String name();

    Extracted extract(String completionText);

    /** True when a found answer is always one number, so a metric comparing numbers needs no further check. */
    default boolean yieldsNumber() {
        return false;
    }

    /** True when a found answer is LaTeX, which metrics that do not read LaTeX get as plain text. */
    default boolean yieldsLatex() {
        return false;
    }

    /** Whether answers of this kind can be scored by {@code metric} at all. */
    default boolean scoresWith(AnswerMetric metric) {
        return true;
    }

    /** How answers and references are normalized before {@code metric} compares them: the metric's own by default. */
    default Normalizer normalizerFor(AnswerMetric metric) {
        return metric.normalizer();
    }
}
