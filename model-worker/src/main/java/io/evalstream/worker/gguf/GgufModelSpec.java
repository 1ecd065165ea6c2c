package io.evalstream.worker.gguf;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to load one GGUF model.
 *
 * @param path    the GGUF file
 * @param slots   sequences generated at once (llama.cpp's parallel slots; one worker thread each)
 * @param threads llama.cpp compute threads
 * @param context tokens per sequence, prompt included; capped at the context the model was trained on
 */
public record GgufModelSpec(Path path, int slots, int threads, int context) {

    public GgufModelSpec {
        path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
        positive(slots, "slots");
        positive(threads, "threads");
        if (context < 16) {
            throw new IllegalArgumentException("gguf.context must be at least 16 tokens, got " + context);
        }
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException("gguf." + name + " must be at least 1, got " + value);
        }
    }
}
