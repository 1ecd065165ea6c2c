package io.evalstream.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads and writes one wire record type. Reading never throws: a record that is not valid JSON or
 * not a valid value comes back as {@link Decoded.Invalid} with a reason fit for the dead-letter topic.
 */
public final class WireFormat<T> {

    /** Largest record a consumer accepts; the broker default message size is 1 MiB. */
    public static final int MAX_BYTES = 1 << 20;

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private WireFormat(Class<T> type, ObjectMapper mapper) {
        this.type = type;
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writerFor(type);
    }

    public static <T> WireFormat<T> of(Class<T> type) {
        return new WireFormat<>(type, Json.mapper());
    }

    /** @param mapper a copy of {@link Json#mapper()} with mix-ins or readers of its own (e.g. for store state) */
    public static <T> WireFormat<T> of(Class<T> type, ObjectMapper mapper) {
        return new WireFormat<>(type, mapper);
    }

    public Decoded<T> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Decoded.Invalid<>("empty record: expected a JSON " + type.getSimpleName());
        }
        if (bytes.length > MAX_BYTES) {
            return new Decoded.Invalid<>("record of " + bytes.length + " bytes exceeds the limit of " + MAX_BYTES);
        }
        String notAnObject = notAnObject(bytes);
        if (notAnObject != null) {
            return new Decoded.Invalid<>("not a JSON object: a " + type.getSimpleName() + " is a JSON object, got "
                    + notAnObject);
        }
        try {
            T value = reader.readValue(bytes);
            return value != null ? new Decoded.Valid<>(value) : new Decoded.Invalid<>("not a JSON object: a "
                    + type.getSimpleName() + " is a JSON object, got null");
        } catch (IOException e) {
            return new Decoded.Invalid<>(reason(e));
        }
    }

    /** What the record is when its first token shows it is valid JSON but no object; null otherwise. */
    private static String notAnObject(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
            i++;
        }
        if (i == bytes.length) {
            return "only whitespace";
        }
        return switch (bytes[i]) {
            case '[' -> "an array";
            case '"' -> "a string";
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> "a number";
            default -> null;  // an object, a literal, or not JSON at all: the parser says which
        };
    }

    public byte[] encode(T value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type.getSimpleName() + " as JSON; this is a bug", e);
        }
    }

    public String encodeToString(T value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type.getSimpleName() + " as JSON; this is a bug", e);
        }
    }

    private String reason(IOException e) {
        Optional<InvalidRecordException> invalid = Causes.find(e, InvalidRecordException.class);
        if (invalid.isPresent()) {
            return "invalid " + type.getSimpleName() + ": " + invalid.get().getMessage();
        }
        Optional<StreamReadException> syntax = Causes.find(e, StreamReadException.class);
        if (syntax.isPresent()) {
            return "not a valid JSON " + type.getSimpleName() + ": " + abbreviate(syntax.get().getOriginalMessage());
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String path = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String what = String.valueOf(mapping.getOriginalMessage()).startsWith("Cannot map `null`")
                    ? "is required but missing or null"
                    : e instanceof InvalidFormatException format
                    ? "has value " + abbreviate(String.valueOf(format.getValue())) + " that is not a valid "
                            + format.getTargetType().getSimpleName()
                    : e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                            ? "has the wrong type: expected " + describe(mismatch.getTargetType())
                            : "is invalid: " + mapping.getOriginalMessage();
            return "invalid " + type.getSimpleName() + ": field '" + path + "' " + what;
        }
        String message = e instanceof JsonProcessingException processing ? processing.getOriginalMessage()
                : e.getMessage();
        return "not a valid JSON " + type.getSimpleName() + ": " + abbreviate(message);
    }

    private static String describe(Class<?> target) {
        if (target.isEnum()) {
            return "one of " + java.util.Arrays.toString(target.getEnumConstants());
        }
        if (target.isRecord()) {
            return "an object (" + target.getSimpleName() + ")";
        }
        return target.getSimpleName();
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : Texts.abbreviate(text.replaceAll("\\s+", " "), Texts.IN_A_MESSAGE);
    }
}
