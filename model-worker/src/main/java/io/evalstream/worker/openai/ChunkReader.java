package io.evalstream.worker.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.backend.ModelCallException;
import java.io.IOException;

/**
 * Reads one streamed chunk with Jackson's streaming parser, keeping only the first choice's text piece and
 * finish reason, the usage, and an error message: a reply arrives as one event per token or word, so building
 * a JSON tree for each would cost more than everything else the worker does per task.
 */
final class ChunkReader {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final OpenAiApi api;
    private String text = "";
    private boolean finished;
    private long promptTokens = -1;
    private long completionTokens = -1;
    private String error;

    private ChunkReader(OpenAiApi api) {
        this.api = api;
    }

    /** @throws ModelCallException MALFORMED_RESPONSE when the event is not a JSON object; SERVER_ERROR for an error event */
    static OpenAiProtocol.Chunk read(String data, OpenAiApi api) {
        ChunkReader reader = new ChunkReader(api);
        try (JsonParser parser = FACTORY.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed();
            }
            reader.root(parser);
        } catch (IOException e) {
            throw malformed();
        }
        if (reader.error != null) {
            throw new ModelCallException(ErrorKind.SERVER_ERROR, "the server reported an error mid-stream: "
                    + reader.error);
        }
        TokenUsage usage = reader.promptTokens >= 0 && reader.completionTokens >= 0
                ? new TokenUsage(reader.promptTokens, reader.completionTokens) : null;
        return new OpenAiProtocol.Chunk(reader.text, usage, reader.finished);
    }

    private void root(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "choices" -> choices(parser, value);
                case "usage" -> usage(parser, value);
                case "error" -> error = value == JsonToken.START_OBJECT ? message(parser) : parser.getText();
                default -> parser.skipChildren();
            }
        }
    }

    private void choices(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        boolean first = true;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (first && token == JsonToken.START_OBJECT) {
                choice(parser);
            } else {
                parser.skipChildren();
            }
            first = false;
        }
    }

    private void choice(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("finish_reason") && value == JsonToken.VALUE_STRING) {
                finished = !parser.getText().isEmpty();
            } else if (api == OpenAiApi.COMPLETIONS && name.equals("text") && value == JsonToken.VALUE_STRING) {
                text = parser.getText();
            } else if (api == OpenAiApi.CHAT && name.equals("delta") && value == JsonToken.START_OBJECT) {
                delta(parser);
            } else {
                parser.skipChildren();
            }
        }
    }

    private void delta(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("content") && value == JsonToken.VALUE_STRING) {
                text = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
    }

    private void usage(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            boolean number = token == JsonToken.VALUE_NUMBER_INT;
            if (name.equals("prompt_tokens") && number) {
                promptTokens = parser.getLongValue();
            } else if (name.equals("completion_tokens") && number) {
                completionTokens = parser.getLongValue();
            } else {
                parser.skipChildren();
            }
        }
    }

    private static String message(JsonParser parser) throws IOException {
        String message = "unknown error";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("message") && value == JsonToken.VALUE_STRING) {
                message = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return message;
    }

    private static ModelCallException malformed() {
        return new ModelCallException(ErrorKind.MALFORMED_RESPONSE, "a streamed event is not JSON");
    }
}
