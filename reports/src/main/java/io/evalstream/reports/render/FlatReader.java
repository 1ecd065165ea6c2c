package io.evalstream.reports.render;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a record written flat from unwrapped values: each value takes its fields from the one JSON object (unknown
 * ones ignored, as the wire mapper does). Jackson cannot read unwrapped values into a record's constructor, and a
 * creator of every flat field would be the wide record the values replaced. Not for the per-task hot path: the
 * object is read as a tree first.
 */
public class FlatReader<T> extends StdDeserializer<T> {

    /** Builds the record from the flat object, reading each value with {@code codec}. */
    @FunctionalInterface
    public interface Parts<T> {
        T read(ObjectMapper codec, JsonNode flat) throws IOException;
    }

    private final transient Parts<T> parts;

    public FlatReader(Class<T> type, Parts<T> parts) {
        super(type);
        this.parts = parts;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return parts.read((ObjectMapper) parser.getCodec(), context.readTree(parser));
    }
}
