package io.evalstream.producer.dataset;

/** A dataset file is missing or does not have the expected shape; the message names the file and the row. */
public class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
