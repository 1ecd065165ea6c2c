package io.evalstream.benchmarks.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON trees as plain maps, lists and text: the form templates and field paths work on. */
final class Json {

    private Json() {
    }

    /** Objects become maps (field order kept), arrays lists, numbers their text, booleans booleans, null null. */
    static Object value(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            node.properties().forEach(field -> fields.put(field.getKey(), value(field.getValue())));
            return Collections.unmodifiableMap(fields);
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>(node.size());
            node.forEach(element -> values.add(value(element)));
            return Collections.unmodifiableList(values);
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asFields(Object map) {
        return (Map<String, Object>) map;
    }

    static String keys(Object document) {
        return document instanceof Map<?, ?> map ? map.keySet().toString() : "none, it is " + kind(document);
    }

    static String kind(Object value) {
        return switch (value) {
            case null -> "null";
            case Map<?, ?> map -> "an object";
            case List<?> list -> "an array";
            case Boolean flag -> "a boolean";
            default -> "a scalar";
        };
    }
}
