package io.evalstream.benchmarks.grading;

/** 1 when the answers are equal after SQuAD normalisation (case, punctuation, articles, whitespace). */
final class ExactMatchMetric implements AnswerMetric {

    @Override
    public String name() {
        return "exact_match";
    }

    @Override
    public Normalizer normalizer() {
        return SquadText::normalize;
    }

    @Override
    public AnswerMatcher matcher() {
        return AnswerMatcher.exactly(String::equals);
    }
}
