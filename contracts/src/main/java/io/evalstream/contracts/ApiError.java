package io.evalstream.contracts;

/**
 * The body of every 4xx and 5xx answer of a service's REST API: what went wrong and what to do about it. Here, beside
 * the other answers, so that the services write it and evalctl reads it as one record.
 */
public record ApiError(String error) {
}
