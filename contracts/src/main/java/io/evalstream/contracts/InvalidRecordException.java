package io.evalstream.contracts;

/**
 * A wire record or request that breaks the contract. The message names the offending field and
 * says what a valid value looks like, so it can be shown verbatim to whoever sent the record.
 */
public final class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
