package io.evalstream.evalctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON Lines file of completions made elsewhere, each {@code {model, benchmark, itemId, prompt, completion}} and
 * optionally {@code variant}, read into what {@code POST /completions} takes, every line numbered; lines that are not
 * such objects are problems naming their line.
 */
record CompletionLines(ArrayNode completions, List<String> problems) {

    private static final List<String> REQUIRED = List.of("model", "benchmark", "itemId", "prompt", "completion");

    static CompletionLines parse(String text) {
        ArrayNode completions = Json.mapper().createArrayNode();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int number = i + 1;
            JsonNode line;
            try {
                line = Json.mapper().readTree(lines[i]);
            } catch (JsonProcessingException e) {
                problems.add("line " + number + ": not JSON (" + e.getOriginalMessage() + ")");
                continue;
            }
            List<String> missing = REQUIRED.stream().filter(field -> !line.path(field).isTextual()).toList();
            if (!line.isObject() || !missing.isEmpty()) {
                problems.add("line " + number + ": needs text fields " + String.join(", ", missing.isEmpty()
                        ? REQUIRED : missing));
                continue;
            }
            ObjectNode completion = ((ObjectNode) line).deepCopy();
            completion.put("line", number);
            completions.add(completion);
        }
        return new CompletionLines(completions, problems);
    }
}
