package io.evalstream.worker.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach one model behind an OpenAI-compatible API (vLLM, TGI, Ollama, llama.cpp
 * server, hosted APIs).
 *
 * @param baseUrl the API root, such as {@code http://localhost:8000/v1}; {@code /chat/completions} is appended
 * @param model   the model name the server expects
 * @param apiKey  sent as a bearer token; null when the server needs none. Never printed: see {@link #toString}
 * @param timeout per request, from sending to the whole response
 */
public record OpenAiEndpoint(URI baseUrl, String model, String apiKey, Duration timeout) {

    static final String REDACTED = "***";

    public OpenAiEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("base-url must be an http or https URL, got '" + baseUrl + "'");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, got " + timeout);
        }
    }

    public URI chatCompletions() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/chat/completions");
    }

    /** The text with every occurrence of the API key replaced, for anything that may be logged or published. */
    public String redact(String text) {
        return apiKey == null || text == null ? text : text.replace(apiKey, REDACTED);
    }

    @Override
    public String toString() {
        return "OpenAiEndpoint[baseUrl=" + redact(baseUrl.toString()) + ", model=" + model + ", apiKey="
                + (apiKey == null ? "none" : REDACTED) + ", timeout=" + timeout + "]";
    }
}
