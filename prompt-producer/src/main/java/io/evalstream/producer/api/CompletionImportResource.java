package io.evalstream.producer.api;

import io.evalstream.contracts.ApiError;
import io.evalstream.contracts.CompletionsImported;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.RunSpec;
import io.evalstream.producer.config.ProducerConfig;
import io.evalstream.producer.messaging.RunPublisher;
import io.evalstream.producer.run.CompletionImport;
import io.evalstream.producer.run.CompletionLine;
import io.evalstream.producer.run.RunPlanner;
import io.evalstream.producer.run.RunRejectedException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * {@code POST /completions}: completions made elsewhere, graded by the same graders and reported like a live run's
 * (issue 19). The body names the run spec (its benchmarks, limits and variants) and the completions; no task is
 * published, so no model is asked. 202 with the run id and count once the broker has them all; 400 listing, with
 * their line numbers, the completions of items the benchmark does not have.
 */
@Path("/completions")
@Produces(MediaType.APPLICATION_JSON)
public class CompletionImportResource {

    private static final Logger LOG = Logger.getLogger(CompletionImportResource.class);

    /** The spec of the run, and its completions. */
    public record ImportRequest(RunSpec spec, List<CompletionLine> completions) {
    }

    private final RunPlanner planner;
    private final RunPublisher publisher;
    private final ProducerConfig config;

    CompletionImportResource(RunPlanner planner, RunPublisher publisher, ProducerConfig config) {
        this.planner = planner;
        this.publisher = publisher;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importCompletions(ImportRequest request) {
        if (request == null || request.spec() == null || request.completions() == null
                || request.completions().isEmpty()) {
            return error(Status.BAD_REQUEST, "send {\"spec\": <a RunSpec naming the benchmarks>, \"completions\":"
                    + " [{\"line\", \"model\", \"benchmark\", \"itemId\", \"prompt\", \"completion\"}, ...]}");
        }
        CompletionImport imported;
        try {
            imported = CompletionImport.of(planner.plan(request.spec(), Instant.now()), request.completions());
        } catch (RunRejectedException | InvalidRecordException e) {
            return error(Status.BAD_REQUEST, "invalid import: " + e.getMessage());
        }
        long count;
        try {
            count = publisher.publish(imported).await().atMost(config.publish().timeout());
        } catch (RuntimeException e) {
            LOG.warnf("Imported completions of run %s not fully published: %s", imported.manifest().runId(), e);
            return error(Status.SERVICE_UNAVAILABLE, "could not publish the completions to Kafka (" + e
                    + "); push them again: task ids are deterministic, so nothing is counted twice");
        }
        LOG.infof("Imported %d completions as run %s", count, imported.manifest().runId());
        return Response.accepted(new CompletionsImported(imported.manifest().runId(), count)).build();
    }

    private static Response error(Status status, String message) {
        return Response.status(status).entity(new ApiError(message)).type(MediaType.APPLICATION_JSON).build();
    }
}
