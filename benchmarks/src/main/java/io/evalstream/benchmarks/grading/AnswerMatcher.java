package io.evalstream.benchmarks.grading;

/** Scores a normalized answer against one normalized accepted answer. */
@FunctionalInterface
public interface AnswerMatcher {

    /** @return a score in [0, 1], 1 for a match */
    double score(String answer, String reference);

    /** A yes-or-no metric: 1 when the two are equal by {@code same}, else 0. */
    static AnswerMatcher exactly(java.util.function.BiPredicate<String, String> same) {
        return (answer, reference) -> same.test(answer, reference) ? 1.0 : 0.0;
    }
}
