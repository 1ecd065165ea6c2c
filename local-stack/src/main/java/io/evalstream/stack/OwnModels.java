package io.evalstream.stack;

import io.evalstream.stack.ModelOption.ApiKey;
import io.evalstream.stack.ModelOption.Backend;
import io.evalstream.stack.ModelOption.OpenAi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models the user brought ({@code --model} and {@code --models-file}), checked against this machine as well:
 * names unique and not a built-in simulated model's, every {@code key-env} variable set, every key file and GGUF
 * file readable. Files are held by absolute path, since the services may run from another directory.
 */
record OwnModels(List<ModelOption> models) {

    OwnModels {
        models = List.copyOf(models);
    }

    static OwnModels none() {
        return new OwnModels(List.of());
    }

    /**
     * @param options     the {@code --model} values, in order
     * @param modelsFile  a models file, or null
     * @param environment where {@code key-env} variables are looked up: the environment the worker will have
     * @param base        what relative paths (the models file, key files, GGUF files) are relative to: the
     *                    directory the user ran the command in
     * @throws ModelOptionException naming the first model and field that cannot work
     */
    static OwnModels resolve(List<String> options, Path modelsFile, Map<String, String> environment, Path base) {
        List<ModelOption> parsed = new ArrayList<>();
        options.forEach(option -> parsed.add(ModelOptionParser.parse(option)));
        if (modelsFile != null) {
            Path file = base.resolve(modelsFile);
            parsed.addAll(ModelsFile.parse(modelsFile.toString(), read(file)));
        }
        Map<String, ModelOption> byName = new LinkedHashMap<>();
        for (ModelOption model : parsed) {
            if (RunSpecs.SIMULATED_MODELS.contains(model.name())) {
                throw new ModelOptionException("model '" + model.name() + "' is the name of a built-in simulated"
                        + " model; choose another name");
            }
            if (byName.put(model.name(), checked(model, environment, base)) != null) {
                throw new ModelOptionException("model '" + model.name() + "' is named twice (in --model or"
                        + " --models-file); give each model its own name");
            }
        }
        return new OwnModels(List.copyOf(byName.values()));
    }

    boolean isEmpty() {
        return models.isEmpty();
    }

    List<String> ids() {
        return models.stream().map(ModelOption::name).toList();
    }

    /** Every model's worker configuration; no key is in it (see {@link ModelOption#workerProperties()}). */
    Map<String, String> workerProperties() {
        Map<String, String> properties = new HashMap<>();
        models.forEach(model -> properties.putAll(model.workerProperties()));
        return properties;
    }

    /** One line per model: name, REAL or SIMULATED, backend, URL or file, where the key comes from. */
    String describe() {
        StringBuilder lines = new StringBuilder();
        models.forEach(model -> lines.append(String.format("  %-16s %-9s %s%n", model.name(), model.kind(),
                model.describe())));
        return lines.toString();
    }

    private static ModelOption checked(ModelOption model, Map<String, String> environment, Path base) {
        String where = "--model " + model.name();
        return switch (model.backend()) {
            case OPENAI -> new ModelOption(model.name(), Backend.OPENAI, model.target(),
                    checkedKey(where, model.openAi(), environment, base), model.limits());
            case GGUF -> new ModelOption(model.name(), Backend.GGUF,
                    readable(where, "the GGUF file", base.resolve(model.target())), model.openAi(), model.limits());
            case SIM -> model;
        };
    }

    private static OpenAi checkedKey(String where, OpenAi openAi, Map<String, String> environment, Path base) {
        return switch (openAi.key()) {
            case ApiKey.None none -> openAi;
            case ApiKey.FromEnv env -> {
                String value = environment.get(env.variable());
                if (value == null || value.isBlank()) {
                    throw new ModelOptionException(where + ": key-env names " + env.variable() + ", which is not set"
                            + " here; export " + env.variable() + "=<your key> first");
                }
                yield openAi;
            }
            case ApiKey.FromFile file -> new OpenAi(openAi.api(), openAi.serverModel(),
                    new ApiKey.FromFile(readable(where, "key-file", base.resolve(file.path()))));
        };
    }

    /** The absolute path of a readable regular file. */
    private static String readable(String where, String what, Path path) {
        Path file = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelOptionException(where + ": " + what + " " + file + (Files.exists(file)
                    ? " is not a readable file" : " does not exist") + "; check the path");
        }
        return file.toString();
    }

    private static String read(Path modelsFile) {
        if (!Files.isRegularFile(modelsFile)) {
            throw new ModelOptionException("--models-file " + modelsFile.toAbsolutePath() + " does not exist;"
                    + " check the path");
        }
        try {
            return Files.readString(modelsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelOptionException("--models-file " + modelsFile.toAbsolutePath() + " cannot be read ("
                    + e.getClass().getSimpleName() + "); check its permissions and encoding (UTF-8)");
        }
    }
}
