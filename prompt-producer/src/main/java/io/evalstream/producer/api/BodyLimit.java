package io.evalstream.producer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.evalstream.contracts.ApiError;
import io.evalstream.contracts.Json;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is over {@code quarkus.http.limits.max-body-size} with a 413 that says
 * what the limit is, before anything is read. Quarkus enforces the same limit (a body streamed without a length
 * is cut off there) but answers with an empty 413; this handler runs just before it.
 */
@Singleton
public class BodyLimit {

    /** Quarkus's own limit handler has order -2. */
    private static final int BEFORE_QUARKUS_LIMIT = -3;

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        long limit = maxBodySize.asLongValue();
        String body = json(new ApiError("the request body is larger than this service accepts (at most " + limit
                + " bytes, quarkus.http.limits.max-body-size). A run spec names models and benchmarks: data belongs"
                + " in benchmark files (evalstream.producer.datasets-dir or benchmarks-dir), not in the request"));
        router.route().order(BEFORE_QUARKUS_LIMIT).handler(context -> {
            if (declaredLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH)) > limit) {
                context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body);
            } else {
                context.next();
            }
        });
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            // Not ours to judge: Vert.x rejects a malformed Content-Length itself.
            return -1;
        }
    }

    private static String json(ApiError error) {
        try {
            return Json.mapper().writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ApiError always serializes", e);
        }
    }
}
