package io.evalstream.producer.run;

/** A run spec that is well-formed but cannot be run here; the message says which field to fix and how. */
public class RunRejectedException extends RuntimeException {

    public RunRejectedException(String message) {
        super(message);
    }
}
