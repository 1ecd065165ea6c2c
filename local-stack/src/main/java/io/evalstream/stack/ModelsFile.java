package io.evalstream.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A models file ({@code --models-file}): the {@code --model} fields as YAML, one entry per model under
 * {@code models}, keyed by the model name:
 * <pre>
 * models:
 *   mine:
 *     backend: openai            # openai | gguf | sim
 *     url: http://localhost:8000/v1
 *     api: completions           # chat (default) | completions
 *     key-env: MY_KEY            # or key-file: /path/to/key
 *     concurrency: 8
 *     rpm: 600
 *     tpm: 100000
 * </pre>
 * Read strictly: an unknown key, a duplicate key or a nested value is an error naming it.
 */
final class ModelsFile {

    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ModelsFile() {
    }

    /** @param source the file's name, which starts every message */
    static List<ModelOption> parse(String source, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            // SnakeYAML explains over several lines; the command prints one.
            throw new ModelOptionException(source + ": not valid YAML: " + e.getOriginalMessage().strip()
                    .replaceAll("\\s+", " ")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject() || !root.has("models")) {
            throw new ModelOptionException(source + ": expected a 'models' key holding one entry per model, e.g."
                    + " models: {mine: {backend: openai, url: http://localhost:8000/v1}}");
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!key.equals("models")) {
                throw new ModelOptionException(source + ": unknown key '" + key + "'; the file holds only 'models'");
            }
        });
        JsonNode models = root.get("models");
        if (!models.isObject() || models.isEmpty()) {
            throw new ModelOptionException(source + ": 'models' must map each model name to its fields, e.g."
                    + " models: {mine: {backend: openai, url: http://localhost:8000/v1}}");
        }
        List<ModelOption> parsed = new ArrayList<>();
        models.properties().forEach(entry -> parsed.add(model(source + ": models." + entry.getKey(), entry.getKey(),
                entry.getValue())));
        return List.copyOf(parsed);
    }

    private static ModelOption model(String where, String name, JsonNode entry) {
        if (!entry.isObject()) {
            throw new ModelOptionException(where + ": expected the model's fields (backend, url, ...), not a single"
                    + " value");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        entry.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new ModelOptionException(where + ": key '" + field.getKey() + "' must have a single value");
            }
            fields.put(field.getKey(), value.asText());
        });
        return ModelOptionParser.fromFields(name, fields, where, "key");
    }
}
