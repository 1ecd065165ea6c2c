package io.evalstream.benchmarks;

/**
 * A benchmark definition or its data cannot be used. The message starts with the definition (or data) file, names
 * the key, field or row at fault and says what to change.
 */
public class BenchmarkException extends RuntimeException {

    public BenchmarkException(String message) {
        super(message);
    }

    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
