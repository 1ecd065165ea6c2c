package io.evalstream.benchmarks.grading;

/** 1 when both are numbers of equal value ({@code 1,000 == 1000.0}). */
final class NumericEqualMetric implements AnswerMetric {

    @Override
    public String name() {
        return "numeric_equal";
    }

    @Override
    public Normalizer normalizer() {
        return NumericAnswers::normalize;
    }

    @Override
    public AnswerMatcher matcher() {
        return AnswerMatcher.exactly(NumericAnswers::sameValue);
    }

    @Override
    public boolean wantsOneNumber() {
        return true;
    }
}
