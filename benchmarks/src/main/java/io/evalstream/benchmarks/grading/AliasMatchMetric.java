package io.evalstream.benchmarks.grading;

/** 1 when the answer matches the reference or any alias, allowing small spelling differences. */
final class AliasMatchMetric implements AnswerMetric {

    @Override
    public String name() {
        return "alias_match";
    }

    @Override
    public Normalizer normalizer() {
        return SquadText::normalize;
    }

    @Override
    public AnswerMatcher matcher() {
        return AliasMatch::score;
    }
}
