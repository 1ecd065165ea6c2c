package io.evalstream.stack;

import io.evalstream.contracts.Require;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real language models for the demo: every GGUF file in a directory, served in-process by the workers'
 * {@code gguf} backend (llama.cpp) under the file's name without {@code .gguf} as model id.
 *
 * @param models  the usable files, by model id order
 * @param skipped files that cannot be a model id, each with the reason, to tell the user
 */
record RealModels(List<RealModel> models, List<String> skipped) {

    private static final String SUFFIX = ".gguf";

    /** One GGUF file served as model {@code id}. */
    record RealModel(String id, Path file, long bytes) {

        /** e.g. {@code stories260K.gguf, 1.2 MB}. */
        String describe() {
            return String.format(Locale.ROOT, "%s, %.1f MB", file.getFileName(), bytes / 1e6);
        }
    }

    static RealModels none() {
        return new RealModels(List.of(), List.of());
    }

    /** The GGUF files directly in {@code dir}, sorted by name. */
    static RealModels in(Path dir) {
        List<RealModel> models = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - SUFFIX.length());
                if (Require.ID.matcher(id).matches() && Files.isRegularFile(file)) {
                    models.add(new RealModel(id, file.toAbsolutePath().normalize(), Files.size(file)));
                } else {
                    skipped.add(name + " (its name, without .gguf, is the model id: letters, digits and ._:@+- only)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the models directory " + dir, e);
        }
        return new RealModels(List.copyOf(models), List.copyOf(skipped));
    }

    List<String> ids() {
        return models.stream().map(RealModel::id).toList();
    }

    boolean isEmpty() {
        return models.isEmpty();
    }

    /** The worker configuration that serves each file with the gguf backend. */
    Map<String, String> workerProperties() {
        Map<String, String> properties = new HashMap<>();
        for (RealModel model : models) {
            String prefix = "evalstream.worker.models." + model.id() + ".";
            properties.put(prefix + "backend", "gguf");
            properties.put(prefix + "gguf.path", model.file().toString());
        }
        return properties;
    }
}
