package io.evalstream.worker.openai.batch;

import io.evalstream.worker.openai.OpenAiEndpoint;
import java.util.Objects;

/** A model served through its provider's Batch API: where (never streamed) and how its batches are made. */
public record BatchModel(String id, OpenAiEndpoint endpoint, BatchSettings settings) {

    public BatchModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(settings, "settings");
        endpoint = new OpenAiEndpoint(endpoint.baseUrl(), endpoint.model(), endpoint.apiKey(), endpoint.timeout(),
                endpoint.api(), false, endpoint.connections(), endpoint.caps());
    }
}
