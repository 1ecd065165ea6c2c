package io.evalstream.aggregator.api;

import io.evalstream.aggregator.config.AggregatorConfig;
import io.evalstream.contracts.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** While the stores are starting, restoring or rebalancing, reports are 503 with a Retry-After. */
@Provider
public class StoreUnavailableMapper implements ExceptionMapper<InvalidStateStoreException> {

    private final AggregatorConfig config;

    StoreUnavailableMapper(AggregatorConfig config) {
        this.config = config;
    }

    @Override
    public Response toResponse(InvalidStateStoreException e) {
        long seconds = Math.max(1, (config.retryAfter().toMillis() + 999) / 1000);
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", seconds)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("the aggregator's state stores cannot be read right now (" + e.getMessage()
                        + "); retry in " + seconds + " s"))
                .build();
    }
}
