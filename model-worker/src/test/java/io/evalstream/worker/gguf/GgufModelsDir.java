package io.evalstream.worker.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The tiny real models in {@code ../shared/models}: present on every build machine, so their absence fails. */
final class GgufModelsDir {

    static final Path DIR = Path.of(System.getProperty("evalstream.home", "."), "..", "shared", "models")
            .toAbsolutePath().normalize();

    private GgufModelsDir() {
    }

    /** The file of a model id (the file name without {@code .gguf}), asserted present. */
    static Path file(String modelId) {
        Path file = DIR.resolve(modelId + ".gguf");
        if (!Files.isRegularFile(file)) {
            System.err.println("!!! GGUF model " + file + " is missing: the real-model checks cannot run. The tiny"
                    + " TinyStories models belong in " + DIR + " (see its README.md).");
        }
        assertThat(file).as("GGUF model file (see ../shared/models/README.md)").isRegularFile();
        return file;
    }

    /** The spec every test uses, so each model is loaded once for all of them. */
    static GgufModelSpec spec(String modelId) {
        return new GgufModelSpec(file(modelId), 2, 2, 512);
    }
}
