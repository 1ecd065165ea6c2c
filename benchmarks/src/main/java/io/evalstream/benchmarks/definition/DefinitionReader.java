package io.evalstream.benchmarks.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.evalstream.benchmarks.BenchmarkException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses one YAML definition strictly: an unknown key, a duplicate key, a value of the wrong type or an unknown
 * enum value is an error naming the file, the key and what is allowed.
 */
public final class DefinitionReader {

    private static final ObjectReader READER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .readerFor(BenchmarkDefinition.class);

    private DefinitionReader() {
    }

    /**
     * @param origin where the text comes from ({@code /etc/benchmarks/mine.yaml}); every message starts with it
     * @throws BenchmarkException saying what is wrong, where, and what to write instead
     */
    public static BenchmarkDefinition read(String origin, String yaml) {
        if (yaml.isBlank()) {
            throw new BenchmarkException(origin + ": the file is empty; a definition needs at least id, description,"
                    + " category, source, reference, extraction and variants");
        }
        try {
            JsonNode tree = READER.readTree(yaml);
            KeyCheck.UnknownKey unknown = KeyCheck.find(tree, DefinitionFile.class);
            if (unknown != null) {
                throw new BenchmarkException(origin + ": " + unknown.describe(line(yaml, unknown.pointer())));
            }
            // Bound from the text, not the tree, so that type errors carry their line.
            return READER.readValue(yaml);
        } catch (JsonProcessingException e) {
            throw new BenchmarkException(origin + ": " + describe(e));
        }
    }

    /** " (line n)" of the key at a JSON pointer, found by streaming the text again; "" when not found. */
    private static String line(String yaml, String pointer) {
        try (JsonParser parser = READER.createParser(yaml)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME
                        && parser.getParsingContext().pathAsPointer().toString().equals(pointer)) {
                    return " (line " + parser.currentTokenLocation().getLineNr() + ")";
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    private static String describe(JsonProcessingException failure) {
        String line = failure.getLocation() == null ? "" : " (line " + failure.getLocation().getLineNr() + ")";
        return switch (failure) {
            case UnrecognizedPropertyException e -> unknownKey(e, line);
            case ValueInstantiationException e -> where(e) + (e.getCause() == null ? e.getOriginalMessage()
                    : e.getCause().getMessage());
            case InvalidFormatException e when e.getTargetType() != null && e.getTargetType().isEnum() ->
                    "key '" + path(e) + "' has the unknown value '" + e.getValue() + "'" + line + "; allowed: "
                            + allowed(e.getTargetType());
            case MismatchedInputException e when !e.getPath().isEmpty() -> "key '" + path(e) + "' has the wrong"
                    + " type" + line + ": expected " + expected(e.getTargetType());
            case JsonMappingException e -> where(e) + e.getOriginalMessage() + line;
            default -> failure.getCause() instanceof MarkedYAMLException yaml ? syntax(yaml)
                    : "not valid YAML" + line + ": " + failure.getOriginalMessage();
        };
    }

    /** SnakeYAML's several-line report as one line: where the construct began, and what went wrong. */
    private static String syntax(MarkedYAMLException e) {
        var mark = e.getContextMark() != null ? e.getContextMark() : e.getProblemMark();
        String context = e.getContext() == null ? "" : e.getContext() + ", ";
        return "not valid YAML" + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ")") + ": " + context
                + e.getProblem();
    }

    private static String unknownKey(UnrecognizedPropertyException e, String line) {
        List<String> known = e.getKnownPropertyIds() == null ? List.of()
                : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        String parent = path(e.getPath().subList(0, e.getPath().size() - 1));
        return new KeyCheck.UnknownKey(e.getPropertyName(), parent, known, "").describe(line);
    }

    private static String where(JsonMappingException e) {
        String path = path(e);
        return path.isEmpty() ? "" : "in '" + path + "': ";
    }

    private static String path(JsonMappingException e) {
        return path(e.getPath());
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String allowed(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(constant -> yamlName((Enum<?>) constant))
                .collect(Collectors.joining(", "));
    }

    private static String yamlName(Enum<?> constant) {
        try {
            JsonProperty property = constant.getDeclaringClass().getField(constant.name())
                    .getAnnotation(JsonProperty.class);
            return property != null ? property.value() : constant.name().toLowerCase(Locale.ROOT);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("enum constant " + constant + " has no field; this is a bug", e);
        }
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == String.class || type.isEnum()) {
            return "a single value (text)";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list, e.g. [a, b]";
        }
        return "a mapping of keys (" + type.getSimpleName() + ")";
    }

    /** Levenshtein distance, to suggest the key a typo meant. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (Character.toLowerCase(a.charAt(i - 1))
                        == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
