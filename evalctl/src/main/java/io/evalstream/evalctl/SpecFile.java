package io.evalstream.evalctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.WireFormat;
import java.nio.charset.StandardCharsets;

/**
 * A run spec as the user wrote it (JSON or YAML), checked here with the same rules as the prompt-producer's, so a
 * mistake is reported with the file's name before anything is sent.
 *
 * @param json the spec as the JSON body of {@code POST /runs}
 */
public record SpecFile(String runId, String json) {

    private static final WireFormat<RunSpec> SPEC = WireFormat.of(RunSpec.class);
    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * @param source   where the text came from, for messages
     * @param text     JSON, or YAML (JSON is YAML too, but JSON is parsed as JSON for its sharper error messages)
     * @param runId    replaces the spec's {@code runId} when not null, so one file serves many runs
     */
    public static SpecFile parse(String source, String text, String runId) {
        JsonNode tree = tree(source, text);
        if (!(tree instanceof ObjectNode spec)) {
            throw refused(source, "a run spec is an object with runId, models and benchmarks; see"
                    + " contracts/src/main/resources/schemas/run-spec.v1.schema.json");
        }
        if (runId != null) {
            spec.put("runId", runId);
        }
        String json = spec.toString();
        return switch (SPEC.decode(json.getBytes(StandardCharsets.UTF_8))) {
            case Decoded.Invalid<RunSpec> invalid -> throw refused(source, invalid.reason());
            case Decoded.Valid<RunSpec> valid -> new SpecFile(valid.value().runId(), json);
        };
    }

    private static JsonNode tree(String source, String text) {
        if (text.isBlank()) {
            throw refused(source, "the file is empty");
        }
        boolean json = text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[");
        try {
            JsonNode tree = json ? Json.mapper().readTree(text) : YAML.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw refused(source, "the file holds no document");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw refused(source, "not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
    }

    private static CliException refused(String source, String reason) {
        return new CliException(ExitCode.REFUSED, source + ": " + reason);
    }
}
