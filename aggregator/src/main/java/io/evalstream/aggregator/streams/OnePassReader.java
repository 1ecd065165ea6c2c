package io.evalstream.aggregator.streams;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a flat JSON object of store state field by field in one pass into a mutable holder, then builds the value
 * from it ({@link StateJson} says why by hand). A null field is left as the holder has it (not known); an error in a
 * field names the field.
 *
 * @param <T> the value read
 * @param <F> the holder of its fields while they are read
 */
abstract class OnePassReader<T, F> extends StdDeserializer<T> implements ResolvableDeserializer {

    OnePassReader(Class<T> type) {
        super(type);
    }

    /** A holder with every field not known. */
    abstract F fields();

    /** Reads the value of {@code field} (the parser at its first token) into {@code into}; skips an unknown one. */
    abstract void read(String field, F into, JsonParser parser, DeserializationContext context) throws IOException;

    abstract T build(F fields, DeserializationContext context) throws IOException;

    @Override
    public final T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        F into = fields();
        String field = parser.isExpectedStartObjectToken() ? parser.nextFieldName() : parser.currentName();
        for (; field != null; field = parser.nextFieldName()) {
            if (parser.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            try {
                read(field, into, parser, context);
            } catch (JsonMappingException e) {
                throw JsonMappingException.wrapWithPath(e, handledType(), field);
            }
        }
        return build(into, context);
    }
}
