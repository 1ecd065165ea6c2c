package io.evalstream.worker.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The API key of an OpenAI-compatible model: from {@code openai.api-key} (typically {@code ${ENV_VAR}}) or
 * read once, trimmed, from {@code openai.api-key-file} (a mounted Kubernetes secret). A file that cannot be
 * read stops the worker; no message ever includes the key itself.
 */
final class ApiKeys {

    private ApiKeys() {
    }

    /** The key, or null when the model has none. */
    static String resolve(String model, WorkerConfig.OpenAi openai) {
        String prefix = "evalstream.worker.models." + model + ".openai.";
        boolean inline = openai.apiKey().filter(k -> !k.isBlank()).isPresent();
        if (openai.apiKeyFile().isEmpty()) {
            return inline ? openai.apiKey().get().strip() : null;
        }
        if (inline) {
            throw new IllegalArgumentException("set either " + prefix + "api-key or " + prefix + "api-key-file, not both");
        }
        Path file = Path.of(openai.apiKeyFile().get());
        String key;
        try {
            key = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the API key file " + prefix + "api-key-file=" + file
                    + " (" + e.getClass().getSimpleName() + "); mount the secret there or fix the path");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the API key file " + prefix + "api-key-file=" + file + " is empty");
        }
        return key;
    }
}
