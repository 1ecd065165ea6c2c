package io.evalstream.grader.api;

/** The body of every error answer: what went wrong and what to do. */
public record ApiError(String error) {
}
