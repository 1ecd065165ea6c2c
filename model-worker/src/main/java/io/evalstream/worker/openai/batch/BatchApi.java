package io.evalstream.worker.openai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Json;
import io.evalstream.worker.backend.ErrorClassifier;
import io.evalstream.worker.backend.ModelCallException;
import io.evalstream.worker.openai.OpenAiApi;
import io.evalstream.worker.openai.OpenAiEndpoint;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The provider's Files and Batch APIs, called from the batch lane's virtual threads (a blocking call holds no
 * platform thread). A failure is a {@link ModelCallException} of the status's kind whose message names the request
 * and never the key.
 */
final class BatchApi {

    /** An output file may be hundreds of MB: its download gets longer than a model call. */
    private static final Duration DOWNLOAD = Duration.ofMinutes(30);
    private static final int QUOTED = 500;
    private static final int PAGES = 20;
    private static final ObjectMapper MAPPER = Json.mapper();

    private final OpenAiEndpoint endpoint;
    private final HttpClient http;
    private final String root;

    BatchApi(OpenAiEndpoint endpoint) {
        this.endpoint = endpoint;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = endpoint.baseUrl().toString();
        this.root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    OpenAiApi api() {
        return endpoint.api();
    }

    /** Uploads a batch input file ({@code purpose=batch}); returns its file id. */
    String upload(byte[] jsonl, String name) {
        String boundary = "evalstream-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(jsonl.length + 512);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jsonl);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = request("/files", DOWNLOAD)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return json(request).path("id").asText();
    }

    /** Creates the batch of an uploaded input file. */
    BatchStatus create(String inputFileId, String completionWindow, Map<String, String> metadata) {
        Map<String, Object> body = Map.of("input_file_id", inputFileId, "endpoint", "/v1" + endpoint.api().path(),
                "completion_window", completionWindow, "metadata", metadata);
        try {
            HttpRequest request = request("/batches", endpoint.timeout()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body))).build();
            return BatchStatus.of(json(request));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a batch request; this is a bug", e);
        }
    }

    BatchStatus status(String batchId) {
        return BatchStatus.of(json(request("/batches/" + batchId, endpoint.timeout()).GET().build()));
    }

    /**
     * The batch made from this input file, or null when the provider has none: looked through the provider's batches,
     * newest first, at most {@value #PAGES} pages of 100.
     */
    BatchStatus findByInputFile(String inputFileId) {
        String after = null;
        for (int page = 0; page < PAGES; page++) {
            JsonNode list = json(request("/batches?limit=100" + (after == null ? "" : "&after=" + after),
                    endpoint.timeout()).GET().build());
            for (JsonNode batch : list.path("data")) {
                if (inputFileId.equals(batch.path("input_file_id").asText(null))) {
                    return BatchStatus.of(batch);
                }
                after = batch.path("id").asText(after);
            }
            if (!list.path("has_more").asBoolean(false)) {
                return null;
            }
        }
        return null;
    }

    /** Hands each line of a file to {@code each}, as it is read (an output file is never held whole). */
    void lines(String fileId, Consumer<String> each) {
        HttpRequest request = request("/files/" + fileId + "/content", DOWNLOAD).GET().build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            check(request, response.statusCode(), () -> reader.lines().limit(20).reduce("", String::concat));
            reader.lines().filter(line -> !line.isBlank()).forEach(each);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw failure(ErrorKind.CONNECTION, request, "failed while reading: " + e.getMessage());
        }
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(root + path)).timeout(timeout);
        if (endpoint.apiKey() != null) {
            builder.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        return builder;
    }

    private JsonNode json(HttpRequest request) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        check(request, response.statusCode(), response::body);
        try {
            JsonNode root = MAPPER.readTree(response.body());
            if (root == null || !root.isObject()) {
                throw failure(ErrorKind.MALFORMED_RESPONSE, request, "answered with no JSON object");
            }
            return root;
        } catch (IOException e) {
            throw failure(ErrorKind.MALFORMED_RESPONSE, request, "answered with a body that is not JSON");
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (java.net.http.HttpTimeoutException e) {
            throw failure(ErrorKind.TIMEOUT, request, "got no answer within " + request.timeout().orElse(null));
        } catch (IOException e) {
            throw failure(ErrorKind.CONNECTION, request, "failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(ErrorKind.CONNECTION, request, "was interrupted: the worker is stopping");
        }
    }

    private void check(HttpRequest request, int status, java.util.function.Supplier<String> body) {
        if (status / 100 != 2) {
            String text = body.get();
            throw failure(ErrorClassifier.ofStatus(status), request, "returned HTTP " + status + ": "
                    + (text.length() > QUOTED ? text.substring(0, QUOTED) + "..." : text));
        }
    }

    private ModelCallException failure(ErrorKind kind, HttpRequest request, String what) {
        return new ModelCallException(kind, endpoint.redact(request.method() + " " + request.uri() + " " + what));
    }
}
