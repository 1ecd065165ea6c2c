package io.evalstream.contracts;

/** Why a model call ended without text. Bounded, so it can label a metric. */
public enum ErrorKind {
    TIMEOUT,
    RATE_LIMITED,
    SERVER_ERROR,
    CLIENT_ERROR,
    CONNECTION,
    MALFORMED_RESPONSE,
    BAD_INPUT,
    UNKNOWN_MODEL,
    INTERNAL
}
