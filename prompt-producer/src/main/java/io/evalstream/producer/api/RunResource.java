package io.evalstream.producer.api;

import io.evalstream.contracts.ApiError;
import io.evalstream.contracts.RunAccepted;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.WireFormat;
import io.evalstream.producer.config.ProducerConfig;
import io.evalstream.producer.messaging.RunPublisher;
import io.evalstream.producer.run.PriceBook;
import io.evalstream.producer.run.Projections;
import io.evalstream.producer.run.PublishedRuns;
import io.evalstream.producer.run.RunPlan;
import io.evalstream.producer.run.RunPlanner;
import io.evalstream.producer.run.RunRejectedException;
import io.smallrye.mutiny.TimeoutException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Run submission. A run is answered {@code 202 Accepted} only after its manifest and every task are
 * acknowledged by Kafka; a bad spec gets {@code 400} naming the field; a broker failure gets {@code 503}.
 */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private static final Logger LOG = Logger.getLogger(RunResource.class);
    private static final WireFormat<RunSpec> SPEC = WireFormat.of(RunSpec.class);
    static final String EXAMPLE = "{\"runId\":\"run-1\",\"models\":[\"my-model\"],\"benchmarks\":[{\"id\":\"gsm8k\","
            + "\"limit\":10,\"variants\":[\"default\",\"terse\"]}],\"settings\":{\"shots\":3}}";

    private final RunPlanner planner;
    private final RunPublisher publisher;
    private final PublishedRuns published;
    private final ProducerConfig config;
    private final PriceBook prices;

    RunResource(RunPlanner planner, RunPublisher publisher, PublishedRuns published, ProducerConfig config,
            PriceBook prices) {
        this.prices = prices;
        this.planner = planner;
        this.publisher = publisher;
        this.published = published;
        this.config = config;
    }

    /**
     * The body is read as bytes so that malformed JSON gets the same precise reasons as a record on a topic.
     * Runs on a worker thread, which waits for the broker's acknowledgements; rendering happens elsewhere.
     */
    @POST
    public Response submit(@QueryParam("dryRun") boolean dryRun, byte[] body) {
        if (body == null || body.length == 0) {
            return error(Status.BAD_REQUEST, "request body is empty; send a JSON RunSpec, e.g. " + EXAMPLE);
        }
        return switch (SPEC.decode(body)) {
            case Decoded.Invalid<RunSpec> invalid -> error(Status.BAD_REQUEST, invalid.reason());
            case Decoded.Valid<RunSpec> valid -> submit(valid.value(), dryRun);
        };
    }

    @GET
    @Path("/{runId}")
    public Response manifest(@PathParam("runId") String runId) {
        return published.find(runId)
                .map(manifest -> Response.ok(manifest).build())
                .orElseGet(() -> error(Status.NOT_FOUND, "run '" + runId + "' was not submitted to this instance;"
                        + " the runs topic holds every run's manifest"));
    }

    private Response submit(RunSpec spec, boolean dryRun) {
        RunPlan plan;
        try {
            plan = planner.plan(spec, Instant.now());
        } catch (RunRejectedException e) {
            return error(Status.BAD_REQUEST, "invalid RunSpec: " + e.getMessage());
        }
        if (dryRun) {
            // Nothing is published: the answer a submission would get, with its projection, so cost is known first.
            return Response.ok(answer(plan, 0, false)).build();
        }
        LOG.infof("Publishing run %s: %d tasks", plan.runId(), plan.taskCount());
        long published;
        try {
            published = publisher.publish(plan).await().atMost(config.publish().timeout());
        } catch (RuntimeException e) {
            // Whatever the cause (broker down, timeout, record too large), the run is incomplete and may be retried.
            return unavailable(plan, e);
        }
        return accepted(plan, published);
    }

    private Response accepted(RunPlan plan, long count) {
        published.remember(plan.manifest());
        LOG.infof("Published run %s: %d tasks acknowledged", plan.runId(), count);
        return Response.accepted(answer(plan, count, true))
                .header(HttpHeaders.LOCATION, "/runs/" + plan.runId()).build();
    }

    private RunAccepted answer(RunPlan plan, long published, boolean isPublished) {
        return new RunAccepted(plan.runId(), isPublished ? published : plan.taskCount(), plan.manifest().expected(),
                plan.settingsHashes(), plan.manifest().benchmarkSettings(), isPublished,
                Projections.of(plan, prices));
    }

    private Response unavailable(RunPlan plan, RuntimeException failure) {
        String cause = failure instanceof TimeoutException
                ? "the broker did not acknowledge every task within " + config.publish().timeout()
                : failure.toString();
        LOG.warnf("Run %s was not fully published: %s", plan.runId(), cause);
        return error(Status.SERVICE_UNAVAILABLE, "could not publish run '" + plan.runId() + "' to Kafka (" + cause
                + "); some tasks may be out already. Resubmit the same spec: task ids are deterministic, so nothing"
                + " is counted twice");
    }

    private static Response error(Status status, String message) {
        return Response.status(status).entity(new ApiError(message)).type(MediaType.APPLICATION_JSON).build();
    }
}
