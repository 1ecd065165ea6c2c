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

/** The JSON of the OpenAI chat completions API: the request for a task, the reply from a response body. */
final class ChatProtocol {

    private static final ObjectMapper MAPPER = Json.mapper();

    private ChatProtocol() {
    }

    /** One user message holding the whole prompt, with the task's sampling settings. */
    static byte[] request(String model, PromptTask task) {
        Settings settings = task.settings();
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", task.prompt());
        body.put("temperature", settings.temperature());
        body.put("top_p", settings.topP());
        body.put("max_tokens", settings.maxTokens());
        body.put("seed", settings.seed());
        if (!settings.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            settings.stop().forEach(stop::add);
        }
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chat request as JSON; this is a bug", e);
        }
    }

    /**
     * {@code choices[0].message.content} and {@code usage} of a 2xx response; usage is estimated when the
     * server reports none.
     *
     * @throws ModelCallException MALFORMED_RESPONSE when the body is not JSON or has no content string
     */
    static ModelReply reply(byte[] body, PromptTask task) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ModelCallException(ErrorKind.MALFORMED_RESPONSE, "response body is not JSON");
        }
        JsonNode content = root == null ? null : root.path("choices").path(0).path("message").path("content");
        if (content == null || !content.isTextual()) {
            throw new ModelCallException(ErrorKind.MALFORMED_RESPONSE,
                    "response has no choices[0].message.content string");
        }
        TokenUsage usage = usage(root.path("usage"));
        return usage == null ? ModelReply.withEstimatedUsage(task.prompt(), content.asText())
                : new ModelReply(content.asText(), usage);
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
