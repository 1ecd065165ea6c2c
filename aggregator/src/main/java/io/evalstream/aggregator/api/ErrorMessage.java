package io.evalstream.aggregator.api;

/** The JSON body of every error response: what went wrong and what to do about it. */
public record ErrorMessage(String error) {
}
