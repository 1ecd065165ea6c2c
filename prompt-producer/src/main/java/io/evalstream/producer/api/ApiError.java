package io.evalstream.producer.api;

/** The body of every 4xx and 5xx answer: what went wrong and what to do about it. */
public record ApiError(String error) {
}
