package io.evalstream.worker.openai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * What the provider says of one batch ({@code GET /v1/batches/{id}}).
 *
 * @param outputFileId the answered requests' file; null when none (yet)
 * @param errorFileId  the failed and expired requests' file; null when none (yet)
 * @param problem      why a failed batch failed (its {@code errors.data} messages); null otherwise
 */
record BatchStatus(String id, String status, String inputFileId, String outputFileId, String errorFileId,
        String problem) {

    private static final Set<String> ENDED = Set.of("completed", "failed", "expired", "cancelled");

    static BatchStatus of(JsonNode batch) {
        JsonNode errors = batch.path("errors").path("data");
        String problem = errors.isArray() && !errors.isEmpty()
                ? StreamSupport.stream(errors.spliterator(), false)
                        .map(e -> e.path("code").asText("error") + ": " + e.path("message").asText(""))
                        .collect(Collectors.joining("; "))
                : null;
        return new BatchStatus(text(batch, "id"), text(batch, "status"), text(batch, "input_file_id"),
                text(batch, "output_file_id"), text(batch, "error_file_id"), problem);
    }

    /** A batch given up on after its deadline: ended as if the provider had expired it, with no file to read. */
    static BatchStatus givenUp(String id) {
        return new BatchStatus(id, "expired", null, null, null, null);
    }

    /** Whether the batch has ended, so its files are final. */
    boolean ended() {
        return ENDED.contains(status);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
