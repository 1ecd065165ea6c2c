package io.evalstream.stack;

/**
 * A model the user named cannot be served as written. The message is one line that names the model and the field
 * and says what to write instead; the commands print it and exit with 2, before anything is started.
 */
final class ModelOptionException extends RuntimeException {

    ModelOptionException(String message) {
        super(message);
    }
}
