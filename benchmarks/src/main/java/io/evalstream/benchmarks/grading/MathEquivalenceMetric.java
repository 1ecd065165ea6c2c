package io.evalstream.benchmarks.grading;

/** LaTeX-aware math equivalence ({@code \dfrac12 == \frac{1}{2} == 0.5}), as Hendrycks et al. 2021. */
final class MathEquivalenceMetric implements AnswerMetric {

    @Override
    public String name() {
        return "math_equivalence";
    }

    @Override
    public Normalizer normalizer() {
        return MathEquivalence::normalize;
    }

    @Override
    public AnswerMatcher matcher() {
        return MathEquivalence::score;
    }

    @Override
    public boolean readsLatex() {
        return true;
    }
}
