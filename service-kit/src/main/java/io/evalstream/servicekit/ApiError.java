package io.evalstream.servicekit;

/** The body of every 4xx and 5xx answer of a service's REST API: what went wrong and what to do about it. */
public record ApiError(String error) {
}
