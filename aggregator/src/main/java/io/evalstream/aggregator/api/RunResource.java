package io.evalstream.aggregator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.contracts.ApiError;
import io.evalstream.reports.render.ReportFormat;
import io.evalstream.reports.render.ReportJson;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.StoppedComparison;
import io.evalstream.reports.scoring.RunBreakdown;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.reports.scoring.RunReports;
import io.evalstream.reports.scoring.RunSummary;
import io.evalstream.reports.scoring.Tally;
import io.evalstream.aggregator.streams.ScoreStores;
import io.evalstream.aggregator.streams.StreamsLifecycle;
import io.evalstream.contracts.Require;
import io.evalstream.contracts.StopDirectory;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.ScoreKey;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Run reports read from the Kafka Streams stores of this instance. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private final StreamsLifecycle streams;
    private final StopDirectory stops;
    private final ObjectMapper json;

    RunResource(StreamsLifecycle streams, StopDirectory stops, ObjectMapper mapper) {
        this.streams = streams;
        this.stops = stops;
        this.json = ReportJson.flat(mapper);
    }

    /**
     * The live scoreboard of one run, read from the cell tallies only (cheap enough to poll during a
     * million-task run): 200 with a {@link RunReport}, 404 when neither its manifest nor a grade arrived.
     */
    @GET
    @Path("/{runId}")
    public Response report(@PathParam("runId") String runId) {
        return invalidRunId(runId).orElseGet(() -> {
            ScoreStores stores = streams.stores();
            return found(runId, liveReport(stores, runId).map(json::valueToTree));
        });
    }

    /**
     * The full report of one run: the scoreboard plus pass@k, subset and group scores, computed from the
     * latest grade of every task of the run (linear in its tasks; not for polling). Status codes as for
     * {@link #report}, and 400 for an unknown {@code format}. JSON, Markdown, HTML or CSV as
     * {@link ReportResponses} negotiates.
     */
    @GET
    @Path("/{runId}/report")
    @Produces({MediaType.APPLICATION_JSON, "text/markdown", MediaType.TEXT_HTML, "text/csv"})
    public Response fullReport(@PathParam("runId") String runId, @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        return invalidRunId(runId).or(() -> ReportResponses.unknownFormat(format)).orElseGet(() -> {
            ReportFormat chosen = ReportResponses.choose(format, headers);
            ScoreStores stores = streams.stores();
            return liveReport(stores, runId).map(live -> ReportResponses.render(
                            new FullRunReport(live, stores.latestSamples(runId, RunBreakdown::of),
                                    StoppedComparison.of(stops.ofRun(runId), live.scores())), chosen, json))
                    .orElseGet(() -> found(runId, Optional.empty()));
        });
    }

    /** Every run with a manifest or grades, by runId. */
    @GET
    public JsonNode runs() {
        ScoreStores stores = streams.stores();
        Map<String, RunManifest> manifests = stores.manifests();
        Map<String, Map<ScoreKey, Tally>> talliesByRun = new HashMap<>();
        stores.allTallies().forEach((cell, tally) ->
                talliesByRun.computeIfAbsent(cell.runId(), run -> new HashMap<>()).put(cell, tally));
        TreeSet<String> runIds = new TreeSet<>(manifests.keySet());
        runIds.addAll(talliesByRun.keySet());
        Instant now = Instant.now();
        List<RunSummary> summaries = runIds.stream()
                .flatMap(runId -> RunReports.build(runId, manifests.get(runId),
                        talliesByRun.getOrDefault(runId, Map.of()), now).stream())
                .map(RunReport::summary)
                .toList();
        return json.valueToTree(summaries);
    }

    private static Optional<RunReport> liveReport(ScoreStores stores, String runId) {
        return RunReports.build(runId, stores.manifest(runId).orElse(null), stores.tallies(runId), Instant.now());
    }

    static Optional<Response> invalidRunId(String runId) {
        return Require.ID.matcher(runId).matches() ? Optional.empty()
                : Optional.of(error(Response.Status.BAD_REQUEST, "run id '" + runId + "' is not valid: use 1-128"
                        + " letters, digits and ._:@+- starting with a letter or digit"));
    }

    static Response found(String runId, Optional<?> report) {
        return report.map(body -> Response.ok(body).build()).orElseGet(() -> error(Response.Status.NOT_FOUND,
                "no run '" + runId + "': neither its manifest nor any of its grades has reached the aggregator"));
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build();
    }
}
