package io.evalstream.aggregator.api;

import io.evalstream.aggregator.export.SampleExport;
import io.evalstream.aggregator.streams.ScoreStores;
import io.evalstream.aggregator.streams.StreamsLifecycle;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Optional;

/** The per-sample export of a run, as JSON Lines. */
@Path("/runs")
public class SampleResource {

    static final String NDJSON = "application/x-ndjson";

    private final StreamsLifecycle streams;
    private final SampleExport export;

    SampleResource(StreamsLifecycle streams, SampleExport export) {
        this.streams = streams;
        this.export = export;
    }

    /**
     * One JSON object per line per task of the run (optionally of one model and/or benchmark): its latest grade
     * with prompt, completion, extracted answer, verdict and settings hash. Streamed as the grades are read back
     * from the grades topic; linear in the run's tasks and in the grades-topic range they span. Status codes as
     * for the report; a failure after the first line cuts the body short.
     */
    @GET
    @Path("/{runId}/samples")
    @Produces(NDJSON)
    public Response samples(@PathParam("runId") String runId, @QueryParam("model") String model,
            @QueryParam("benchmark") String benchmark) {
        return RunResource.invalidRunId(runId).orElseGet(() -> {
            ScoreStores stores = streams.stores();
            if (stores.manifest(runId).isEmpty() && stores.tallies(runId).isEmpty()) {
                return RunResource.found(runId, Optional.empty());
            }
            SampleExport.Plan plan = export.plan(stores, runId, model, benchmark);
            StreamingOutput body = output -> export.write(plan, stores, output);
            return Response.ok(body).type(NDJSON + ";charset=UTF-8")
                    .header("Content-Disposition", "inline; filename=\"" + runId + "-samples.jsonl\"").build();
        });
    }
}
