package io.evalstream.worker.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import java.io.IOException;

/**
 * The JSON of the OpenAI chat completions and completions APIs: the request for a task, the text of a
 * whole response or of one streamed chunk, and the usage. One sample per request ({@code n} is left at 1):
 * every sample of an item is its own task with its own id, seed and completion.
 */
public final class OpenAiProtocol {

    private static final ObjectMapper MAPPER = Json.mapper();

    private OpenAiProtocol() {
    }

    /** The request body: the prompt (one user message, or raw text) with the task's sampling settings. */
    public static byte[] request(OpenAiEndpoint endpoint, PromptTask task) {
        Settings settings = task.settings();
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", endpoint.model());
        if (task.byLikelihood()) {
            EchoedLogprobs.request(body, task);
            return write(body);
        }
        if (endpoint.api() == OpenAiApi.CHAT) {
            body.putArray("messages").addObject().put("role", "user").put("content", task.prompt());
        } else {
            body.put("prompt", task.prompt());
        }
        body.put("temperature", settings.temperature());
        body.put("top_p", settings.topP());
        body.put("max_tokens", settings.maxTokens());
        body.put("seed", settings.seed());
        if (!settings.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            settings.stop().forEach(stop::add);
        }
        if (endpoint.stream()) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return write(body);
    }

    private static byte[] write(ObjectNode body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request as JSON; this is a bug", e);
        }
    }

    /**
     * The text and usage of a whole 2xx response; usage is estimated when the server reports none.
     *
     * @throws ModelCallException MALFORMED_RESPONSE when the body is not JSON or has no text
     */
    public static ModelReply whole(byte[] body, PromptTask task, OpenAiApi api) {
        JsonNode root = parse(body, "response body is not JSON");
        if (task.byLikelihood()) {
            return EchoedLogprobs.reply(root, task);
        }
        JsonNode choice = root.path("choices").path(0);
        JsonNode text = api == OpenAiApi.CHAT ? choice.path("message").path("content") : choice.path("text");
        if (!text.isTextual()) {
            throw new ModelCallException(ErrorKind.MALFORMED_RESPONSE, "response has no " + (api == OpenAiApi.CHAT
                    ? "choices[0].message.content" : "choices[0].text") + " string");
        }
        TokenUsage usage = usage(root.path("usage"));
        return usage == null ? ModelReply.withEstimatedUsage(task.prompt(), text.asText())
                : new ModelReply(text.asText(), usage);
    }

    /** One streamed chunk: its text piece (empty when none) and its usage (null when none). */
    record Chunk(String text, TokenUsage usage, boolean finished) {
    }

    /** @throws ModelCallException MALFORMED_RESPONSE when the event is not JSON */
    static Chunk chunk(String data, OpenAiApi api) {
        return ChunkReader.read(data, api);
    }

    private static JsonNode parse(byte[] json, String complaint) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw new ModelCallException(ErrorKind.MALFORMED_RESPONSE, complaint);
            }
            return root;
        } catch (IOException e) {
            throw new ModelCallException(ErrorKind.MALFORMED_RESPONSE, complaint);
        }
    }

    private static TokenUsage usage(JsonNode usage) {
        JsonNode prompt = usage.path("prompt_tokens");
        JsonNode completion = usage.path("completion_tokens");
        if (!prompt.canConvertToLong() || !completion.canConvertToLong()
                || prompt.asLong() < 0 || completion.asLong() < 0) {
            return null;
        }
        return new TokenUsage(prompt.asLong(), completion.asLong());
    }
}
