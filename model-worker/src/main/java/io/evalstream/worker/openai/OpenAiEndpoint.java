package io.evalstream.worker.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how to reach one model behind an OpenAI-compatible API (vLLM, TGI, Ollama, llama.cpp
 * server, hosted APIs).
 *
 * @param baseUrl     the API root, such as {@code http://localhost:8000/v1}; the API's path is appended
 * @param model       the model name the server expects
 * @param apiKey      sent as a bearer token; null when the server needs none. Never printed: see {@link #toString}
 * @param timeout     per call, from sending to the whole response
 * @param api         chat or completions
 * @param stream      whether to ask for server-sent events (needed to measure time to first token)
 * @param connections most connections kept open to the server (HTTP/1.1 carries one call at a time)
 * @param caps        how much of each response is read before the call is given up
 */
public record OpenAiEndpoint(URI baseUrl, String model, String apiKey, Duration timeout, OpenAiApi api,
        boolean stream, int connections, ReplyCaps caps) {

    static final String REDACTED = "***";
    /** A bearer credential quoted back by a server, whoever's it is. */
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;\\\\]+");

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
        Objects.requireNonNull(api, "api");
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, got " + connections);
        }
        Objects.requireNonNull(caps, "caps");
    }

    /** An endpoint whose responses are read under {@link ReplyCaps#DEFAULTS}. */
    public OpenAiEndpoint(URI baseUrl, String model, String apiKey, Duration timeout, OpenAiApi api, boolean stream,
            int connections) {
        this(baseUrl, model, apiKey, timeout, api, stream, connections, ReplyCaps.DEFAULTS);
    }

    /** A streaming chat endpoint with room for 64 connections. */
    public OpenAiEndpoint(URI baseUrl, String model, String apiKey, Duration timeout) {
        this(baseUrl, model, apiKey, timeout, OpenAiApi.CHAT, true, 64);
    }

    /** The URL calls go to: the base URL and the API's path. */
    public URI url() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + api.path());
    }

    /**
     * The text with every occurrence of the API key and any bearer credential replaced, for anything that may be
     * logged or published (servers quote the Authorization header back in their 401s).
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutKey = apiKey == null ? text : text.replace(apiKey, REDACTED);
        return BEARER.matcher(withoutKey).replaceAll("$1" + REDACTED);
    }

    @Override
    public String toString() {
        return "OpenAiEndpoint[baseUrl=" + redact(baseUrl.toString()) + ", model=" + model + ", apiKey="
                + (apiKey == null ? "none" : REDACTED) + ", timeout=" + timeout + ", api=" + api + ", stream="
                + stream + ", connections=" + connections + ", caps=" + caps + "]";
    }
}
