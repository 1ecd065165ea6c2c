package io.evalstream.stub;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** The request lines of a batch input file and the result line the stub writes for each, by its prompt's directive. */
final class BatchRequests {

    private BatchRequests() {
    }

    /** The request lines of an input file, or why it cannot run. */
    static String parse(Buffer input, List<JsonObject> lines) {
        Set<String> ids = new HashSet<>();
        String failing = null;
        String[] texts = input.toString().split("\n");
        for (int i = 0; i < texts.length; i++) {
            if (texts[i].isBlank()) {
                continue;
            }
            JsonObject line;
            try {
                line = new JsonObject(texts[i]);
            } catch (DecodeException e) {
                return "line " + (i + 1) + " is not JSON";
            }
            String customId = line.getString("custom_id");
            if (customId == null || !ids.add(customId)) {
                return "line " + (i + 1) + " has no custom_id or repeats one";
            }
            lines.add(line);
            Fault fault = Fault.in(prompt(line));
            if (fault != null && fault.kind() == Fault.Kind.BATCH_FAIL && failing == null) {
                // Every line is still counted as submitted: the batch was created with all of them.
                failing = "line " + (i + 1) + " asks the stub to fail the batch";
            }
        }
        return failing != null ? failing : lines.isEmpty() ? "the input file has no request line" : null;
    }

    static JsonObject result(JsonObject line, AtomicLong ids) {
        String prompt = prompt(line);
        JsonObject result = new JsonObject().put("id", "batch_req_" + ids.incrementAndGet())
                .put("custom_id", line.getString("custom_id"));
        Fault fault = Fault.in(prompt);
        if (fault != null && fault.kind() == Fault.Kind.BATCH_EXPIRE) {
            return result.put("response", null).put("error", new JsonObject().put("code", "batch_expired")
                    .put("message", "This request could not be executed before the completion window expired."));
        }
        JsonObject body;
        int status = 200;
        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
            status = fault.status();
            body = Replies.error(status, "stub status " + status);
        } else {
            JsonObject request = line.getJsonObject("body", new JsonObject());
            boolean chat = line.getString("url", "").endsWith("/chat/completions");
            body = Replies.whole(chat, request.getString("model", "stub"), OpenAiStub.ANSWER,
                    Replies.usage(prompt, OpenAiStub.ANSWER));
        }
        return result.put("response", new JsonObject().put("status_code", status)
                .put("request_id", "req_" + ids.incrementAndGet()).put("body", body)).put("error", null);
    }

    private static String prompt(JsonObject line) {
        JsonObject body = line.getJsonObject("body", new JsonObject());
        JsonArray messages = body.getJsonArray("messages");
        if (messages != null) {
            return messages.isEmpty() ? "" : messages.getJsonObject(messages.size() - 1).getString("content", "");
        }
        return String.join("\n", EchoedLogprobs.prompts(body));
    }
}
