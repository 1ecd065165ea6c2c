package io.evalstream.grader.grading;

/** Decides whether a normalized answer matches the normalized reference. */
@FunctionalInterface
public interface AnswerMatcher {

    boolean matches(String answer, String reference);
}
