package io.evalstream.stub;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The JSON bodies and SSE events of the OpenAI chat completions and completions APIs, as a server sends them. */
final class Replies {

    private static final Map<String, List<String>> WORDS = new ConcurrentHashMap<>();

    private Replies() {
    }

    /** A whole (non-streaming) answer. */
    static JsonObject whole(boolean chat, String model, String text, JsonObject usage) {
        JsonObject choice = new JsonObject().put("index", 0).put("finish_reason", "stop");
        if (chat) {
            choice.put("message", new JsonObject().put("role", "assistant").put("content", text));
        } else {
            choice.put("text", text);
        }
        return envelope(chat ? "chat.completion" : "text_completion", model, choice).put("usage", usage);
    }

    /**
     * The SSE events of a streamed answer: one per word of the text, a last one with the finish reason,
     * the usage event when asked for, then {@code [DONE]}.
     */
    static List<String> stream(boolean chat, String model, String text, JsonObject usage, boolean includeUsage) {
        String object = chat ? "chat.completion.chunk" : "text_completion";
        List<String> events = new ArrayList<>(words(chat, model, text));
        if (includeUsage) {
            events.add(event(envelope(object, model, null).put("choices", new JsonArray()).put("usage", usage)));
        }
        events.add("data: [DONE]\n\n");
        return events;
    }

    /** The text's events and the finish event, encoded once per API, model and text: a bench sends thousands a second. */
    private static List<String> words(boolean chat, String model, String text) {
        return WORDS.computeIfAbsent(chat + "\u0000" + model + "\u0000" + text, key -> {
            String object = chat ? "chat.completion.chunk" : "text_completion";
            List<String> events = new ArrayList<>();
            for (String word : text.split("(?<= )")) {
                events.add(event(envelope(object, model, delta(chat, word, null))));
            }
            events.add(event(envelope(object, model, delta(chat, "", "stop"))));
            return List.copyOf(events);
        });
    }

    static JsonObject usage(String prompt, String text) {
        long promptTokens = (prompt.length() + 3) / 4;
        long completionTokens = text.isBlank() ? 0 : text.strip().split("\\s+").length;
        return new JsonObject().put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    static JsonObject error(int status, String message) {
        return new JsonObject().put("error", new JsonObject().put("message", message)
                .put("type", status == 429 ? "rate_limit_exceeded" : "server_error").put("code", status));
    }

    private static JsonObject delta(boolean chat, String text, String finish) {
        JsonObject choice = new JsonObject().put("index", 0).put("finish_reason", finish);
        if (chat) {
            choice.put("delta", new JsonObject().put("content", text));
        } else {
            choice.put("text", text);
        }
        return choice;
    }

    private static JsonObject envelope(String object, String model, JsonObject choice) {
        JsonObject body = new JsonObject().put("id", "stub-1").put("object", object).put("created", 1700000000L)
                .put("model", model);
        if (choice != null) {
            body.put("choices", new JsonArray().add(choice));
        }
        return body;
    }

    private static String event(JsonObject data) {
        return "data: " + data.encode() + "\n\n";
    }
}
