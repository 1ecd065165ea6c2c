package io.evalstream.contracts;

/** A terminal model failure, recorded as data on the completion. The message never holds secrets. */
public record ModelError(ErrorKind kind, String message) {

    public ModelError {
        Require.present(kind, "error.kind");
        Require.present(message, "error.message");
    }
}
