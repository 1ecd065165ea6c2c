package io.evalstream.evalctl;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.ApiError;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.Texts;
import io.evalstream.reports.render.ReportJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP side of evalctl: every call names the service it went to, and every failure becomes a
 * {@link CliException} that says what to fix. The bearer token is sent when there is one and never printed.
 */
public final class ApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final Optional<String> token;
    private final Duration timeout;

    public ApiClient(Optional<String> token, Duration timeout) {
        this.token = token;
        this.timeout = timeout;
    }

    /** POST with a JSON body; the answer whatever its status, for the caller to explain. */
    public HttpResponse<String> postJson(Service service, String path, String json) {
        return send(service, request(service, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /** GET; the answer whatever its status. */
    public HttpResponse<String> get(Service service, String path, String accept) {
        return send(service, request(service, path).header("Accept", accept).GET().build());
    }

    /** GET of a JSON document that must exist: any other answer is a {@link CliException}. */
    public JsonNode getJson(Service service, String path) {
        return json(service, requireOk(service, get(service, path, "application/json")));
    }

    /** GET of a JSON document that must exist, read into the shared response record {@code type}. */
    public <T> T get(Service service, String path, Class<T> type) {
        return read(service, requireOk(service, get(service, path, "application/json")), type);
    }

    /** GET of a JSON list that must exist, read into the shared response records {@code type}. */
    public <T> List<T> getList(Service service, String path, Class<T> type) {
        return read(service, requireOk(service, get(service, path, "application/json")),
                ReportJson.mapper().getTypeFactory().constructCollectionType(List.class, type));
    }

    /** The body of a 2xx answer; otherwise a {@link CliException} with the service's own reason. */
    public static String requireOk(Service service, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.body();
        }
        String reason = reason(response.body());
        String what = service.name() + " answered " + status + " to " + response.request().method() + " "
                + response.uri().getPath();
        if (status == 401 || status == 403) {
            throw new CliException(ExitCode.REFUSED, what + ": " + reason + ". Give the token with EVALSTREAM_TOKEN"
                    + " or --token-file.");
        }
        throw new CliException(status / 100 == 4 ? ExitCode.REFUSED : ExitCode.SERVICE_ERROR, what + ": " + reason);
    }

    /** The reason in the services' error body ({@link ApiError}), else the body itself (shortened). */
    static String reason(String body) {
        try {
            ApiError error = Json.mapper().readValue(body, ApiError.class);
            if (error.error() != null) {
                return error.error();
            }
        } catch (IOException | RuntimeException notAnApiError) {
            // fall through: a proxy's page or a crash's text, shown as the service sent it
        }
        String text = body == null ? "" : body.strip();
        return text.isEmpty() ? "no reason given" : Texts.abbreviate(text, 500);
    }

    public static JsonNode json(Service service, String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new CliException(ExitCode.SERVICE_ERROR, service.name() + " answered with something that is not"
                    + " JSON: " + reason(body), e);
        }
    }

    /**
     * An answer read into the shared response record {@code type} (the mapper the aggregator writes its reports with),
     * or a {@link CliException} saying the service sent something else.
     */
    public static <T> T read(Service service, String body, Class<T> type) {
        return read(service, body, ReportJson.mapper().constructType(type));
    }

    private static <T> T read(Service service, String body, JavaType type) {
        try {
            return ReportJson.mapper().readValue(body, type);
        } catch (IOException | RuntimeException e) {
            throw new CliException(ExitCode.SERVICE_ERROR, service.name() + " answered with JSON evalctl cannot read as"
                    + " " + type.getRawClass().getSimpleName() + " (is it a matching version?): "
                    + Texts.abbreviate(String.valueOf(e.getMessage()), 300), e);
        }
    }

    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(Service service, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(service.resolve(path)).timeout(timeout);
        token.ifPresent(value -> builder.header("Authorization", "Bearer " + value));
        return builder;
    }

    private HttpResponse<String> send(Service service, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable(service, e);
        } catch (IOException e) {
            throw new CliException(ExitCode.UNREACHABLE, request.method() + " " + request.uri() + " to the "
                    + service.name() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILED, "interrupted while waiting for the " + service.name(), e);
        }
    }

    private static CliException unreachable(Service service, IOException e) {
        return new CliException(ExitCode.UNREACHABLE, "cannot reach the " + service.name() + " at " + service.base()
                + " (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + "). Is it"
                + " running? Point evalctl at it with " + service.option() + " or " + service.variable() + ".", e);
    }
}
