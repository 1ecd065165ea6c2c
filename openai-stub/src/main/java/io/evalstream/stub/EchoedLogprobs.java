package io.evalstream.stub;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The completions API's answer to {@code echo: true, logprobs: N, max_tokens: 0}, as vLLM and the llama.cpp server
 * give it: per prompt, its tokens with their offsets in the text and log-probabilities, the first one null (nothing
 * comes before it). The stub's tokens are words with the spaces before them, and a token's log-probability is a
 * fixed function of it and the token before, so a score is the same on every call and sums along the text.
 */
final class EchoedLogprobs {

    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+|\\s+$");

    private EchoedLogprobs() {
    }

    /** Whether a request asks for the prompt's log-probabilities rather than a completion. */
    static boolean asked(JsonObject request) {
        return request.getBoolean("echo", false) && request.getValue("logprobs") != null
                && Integer.valueOf(0).equals(request.getInteger("max_tokens"));
    }

    /** The prompts of a completions request: one text, or a list of them. */
    static List<String> prompts(JsonObject request) {
        Object prompt = request.getValue("prompt");
        if (prompt instanceof JsonArray array) {
            return array.stream().map(String::valueOf).toList();
        }
        return List.of(prompt == null ? "" : prompt.toString());
    }

    static JsonObject reply(String model, List<String> prompts) {
        JsonArray choices = new JsonArray();
        long tokens = 0;
        for (int i = 0; i < prompts.size(); i++) {
            JsonObject logprobs = logprobs(prompts.get(i));
            tokens += logprobs.getJsonArray("tokens").size();
            choices.add(new JsonObject().put("index", i).put("text", prompts.get(i)).put("finish_reason", "length")
                    .put("logprobs", logprobs));
        }
        return new JsonObject().put("id", "stub-echo").put("object", "text_completion").put("model", model)
                .put("choices", choices).put("usage", new JsonObject().put("prompt_tokens", tokens)
                        .put("completion_tokens", 0).put("total_tokens", tokens));
    }

    private static JsonObject logprobs(String text) {
        JsonArray tokens = new JsonArray();
        JsonArray logprobs = new JsonArray();
        JsonArray offsets = new JsonArray();
        JsonArray top = new JsonArray();
        Matcher matcher = TOKEN.matcher(text);
        String previous = null;
        while (matcher.find()) {
            String token = matcher.group();
            Double logprob = previous == null ? null : -(0.5 + Math.floorMod((previous + "|" + token).hashCode(), 1000)
                    / 250.0);
            tokens.add(token);
            logprobs.add(logprob);
            offsets.add(matcher.start());
            top.add(logprob == null ? null : new JsonObject().put(token, logprob));
            previous = token;
        }
        return new JsonObject().put("tokens", tokens).put("token_logprobs", logprobs).put("text_offset", offsets)
                .put("top_logprobs", top);
    }
}
