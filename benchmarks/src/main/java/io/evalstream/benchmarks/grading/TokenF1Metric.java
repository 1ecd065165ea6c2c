package io.evalstream.benchmarks.grading;

/** SQuAD token F1 against the best-matching reference; CORRECT only at 1. */
final class TokenF1Metric implements AnswerMetric {

    @Override
    public String name() {
        return "token_f1";
    }

    @Override
    public Normalizer normalizer() {
        return SquadText::normalize;
    }

    @Override
    public AnswerMatcher matcher() {
        return SquadText::f1;
    }
}
