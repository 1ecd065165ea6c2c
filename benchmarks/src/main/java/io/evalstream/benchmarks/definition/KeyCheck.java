package io.evalstream.benchmarks.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the first key a definition's YAML tree has but its record does not, before any record is built. Jackson
 * reports unknown keys only after a record's constructor ran, and a typo'd required key would then surface as
 * "missing" rather than as the typo it is.
 */
final class KeyCheck {

    /** An unknown key, where it sits, and the keys allowed there. */
    record UnknownKey(String key, String parent, List<String> allowed, String pointer) {

        /** @param line where the key is, e.g. " (line 5)", or "" */
        String describe(String line) {
            String closest = allowed.stream().min(Comparator.comparingInt(k -> DefinitionReader.distance(k, key)))
                    .filter(k -> DefinitionReader.distance(k, key) <= 2).map(k -> "; did you mean '" + k + "'?")
                    .orElse("");
            return "unknown key '" + key + "'" + (parent.isEmpty() ? "" : " in '" + parent + "'") + line
                    + "; allowed keys there: " + String.join(", ", allowed) + closest;
        }
    }

    private KeyCheck() {
    }

    /** The first unknown key in document order, or null. */
    static UnknownKey find(JsonNode node, Type type) {
        return find(node, type, "", "");
    }

    private static UnknownKey find(JsonNode node, Type type, String path, String pointer) {
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
        if (raw.isRecord() && node.isObject()) {
            Map<String, Type> components = Arrays.stream(raw.getRecordComponents())
                    .collect(Collectors.toMap(RecordComponent::getName, RecordComponent::getGenericType));
            for (var field : node.properties()) {
                Type child = components.get(field.getKey());
                String childPointer = pointer + "/" + field.getKey();
                if (child == null) {
                    return new UnknownKey(field.getKey(), path, components.keySet().stream().sorted().toList(),
                            childPointer);
                }
                UnknownKey found = find(field.getValue(), child, join(path, field.getKey()), childPointer);
                if (found != null) {
                    return found;
                }
            }
        } else if (Map.class.isAssignableFrom(raw) && node.isObject() && type instanceof ParameterizedType map) {
            for (var entry : node.properties()) {
                UnknownKey found = find(entry.getValue(), map.getActualTypeArguments()[1],
                        join(path, entry.getKey()), pointer + "/" + entry.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
