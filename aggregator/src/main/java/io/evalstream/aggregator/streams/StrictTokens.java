package io.evalstream.aggregator.streams;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.io.IOException;

/**
 * Scalars of the state's JSON read as strictly as the wire mapper reads them: a count is a JSON integer, never a
 * float or text, and text is never a number.
 */
final class StrictTokens {

    private StrictTokens() {
    }

    static long integer(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            context.handleUnexpectedToken(Long.TYPE, parser);
        }
        return parser.getLongValue();
    }

    static double number(JsonParser parser, DeserializationContext context) throws IOException {
        if (!parser.currentToken().isNumeric()) {
            context.handleUnexpectedToken(Double.TYPE, parser);
        }
        return parser.getDoubleValue();
    }

    static String text(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            context.handleUnexpectedToken(String.class, parser);
        }
        return parser.getText();
    }
}
