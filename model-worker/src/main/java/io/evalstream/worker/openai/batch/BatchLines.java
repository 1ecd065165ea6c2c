package io.evalstream.worker.openai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.ModelError;
import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.backend.ErrorClassifier;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.backend.ModelReply;
import io.evalstream.worker.openai.OpenAiApi;
import io.evalstream.worker.openai.OpenAiEndpoint;
import io.evalstream.worker.openai.OpenAiProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The lines of the Batch API's files: a task as a request line of the input file ({@code custom_id} = its task id,
 * the body the chat or completions API would get, unstreamed), and what a line of the output or error file says of
 * its request. Pure: no I/O.
 */
final class BatchLines {

    private static final ObjectMapper MAPPER = Json.mapper();

    private BatchLines() {
    }

    /** The task's request line, newline included. */
    static byte[] request(OpenAiEndpoint endpoint, PromptTask task) {
        try {
            ObjectNode line = MAPPER.createObjectNode();
            line.put("custom_id", task.taskId().toString());
            line.put("method", "POST");
            line.put("url", "/v1" + endpoint.api().path());
            line.set("body", MAPPER.readTree(OpenAiProtocol.request(endpoint, task)));
            return (MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a batch request line; this is a bug", e);
        }
    }

    /** One request's result: a reply, or an error. */
    record Outcome(String customId, ModelReply reply, ModelError error) {
    }

    /**
     * What a line of an output or error file says of its request, or null when the line names no task of the batch
     * (that task then ends as {@link #missing}).
     */
    static Outcome outcome(String line, Map<String, PromptTask> tasks, OpenAiApi api, String batchId) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (IOException e) {
            return null;
        }
        PromptTask task = root == null ? null : tasks.get(root.path("custom_id").asText(""));
        if (task == null) {
            return null;
        }
        String id = task.taskId().toString();
        JsonNode error = root.path("error");
        if (error.isObject()) {
            String code = error.path("code").asText("error");
            ErrorKind kind = code.equals("batch_expired") ? ErrorKind.TIMEOUT : ErrorKind.SERVER_ERROR;
            String why = code.equals("batch_expired") ? "expired before this request ran" : "did not run this request";
            return new Outcome(id, null, new ModelError(kind, "batch " + batchId + " " + why + " (" + code + ": "
                    + error.path("message").asText("") + ")"));
        }
        JsonNode response = root.path("response");
        int status = response.path("status_code").asInt(0);
        JsonNode body = response.path("body");
        if (status != 200) {
            return new Outcome(id, null, new ModelError(status == 0 ? ErrorKind.MALFORMED_RESPONSE
                    : ErrorClassifier.ofStatus(status), "batch " + batchId + ": the request returned HTTP " + status
                    + ": " + body.path("error").path("message").asText(body.toString())));
        }
        try {
            return new Outcome(id, OpenAiProtocol.whole(body.toString().getBytes(StandardCharsets.UTF_8), task, api),
                    null);
        } catch (ModelCallException e) {
            return new Outcome(id, null, new ModelError(e.kind(), "batch " + batchId + ": " + e.getMessage()));
        }
    }

    /** The error of a task the batch's files have no line for, by how the batch ended. */
    static ModelError missing(BatchStatus batch) {
        return switch (batch.status()) {
            case "failed" -> new ModelError(ErrorKind.CLIENT_ERROR, "batch " + batch.id() + " failed: "
                    + (batch.problem() == null ? "the provider gave no reason" : batch.problem()));
            case "expired" -> new ModelError(ErrorKind.TIMEOUT, "batch " + batch.id()
                    + " expired before this request ran");
            case "cancelled" -> new ModelError(ErrorKind.SERVER_ERROR, "batch " + batch.id()
                    + " was cancelled before this request ran");
            default -> new ModelError(ErrorKind.MALFORMED_RESPONSE, "batch " + batch.id() + " ended "
                    + batch.status() + " without a result line for this request");
        };
    }
}
