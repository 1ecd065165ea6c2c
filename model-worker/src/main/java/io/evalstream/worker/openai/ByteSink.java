package io.evalstream.worker.openai;

/** Where decoded response bytes go; it may throw a {@link io.evalstream.worker.backend.ModelCallException} to stop the response. */
@FunctionalInterface
interface ByteSink {

    /** Takes {@code length} bytes of {@code bytes} from {@code offset}; they are not kept by the caller. */
    void write(byte[] bytes, int offset, int length);
}
