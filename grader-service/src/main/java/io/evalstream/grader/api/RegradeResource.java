package io.evalstream.grader.api;

import io.evalstream.benchmarks.BenchmarkException;
import io.evalstream.contracts.ApiError;
import io.evalstream.contracts.Require;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.RegradeReport;
import io.evalstream.grader.regrade.Regrader;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code POST /runs/{runId}/regrade[?benchmark=B&model=M]}: grades the run's completions again by the current
 * definitions, asking no model, and answers with what changed ({@link RegradeReport}); 404 when the completions
 * topic holds none of the run's (wanted) tasks.
 */
@Path("/runs/{runId}/regrade")
public class RegradeResource {

    private final Regrader regrader;

    RegradeResource(Regrader regrader) {
        this.regrader = regrader;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response regrade(@PathParam("runId") String runId, @QueryParam("benchmark") String benchmark,
            @QueryParam("model") String model) {
        try {
            Require.id(runId, "runId");
            Optional.ofNullable(benchmark).ifPresent(id -> Require.id(id, "benchmark"));
            Optional.ofNullable(model).ifPresent(id -> Require.id(id, "model"));
        } catch (InvalidRecordException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        RegradeReport report;
        try {
            report = regrader.regrade(runId, Optional.ofNullable(benchmark), Optional.ofNullable(model));
        } catch (BenchmarkException e) {
            return error(Response.Status.CONFLICT, "the current benchmark definitions cannot be read, so nothing was"
                    + " regraded: " + e.getMessage());
        }
        if (report.read() == 0 && report.pastRetention().isEmpty()) {
            return error(Response.Status.NOT_FOUND, "evalstream.completions holds no completion of run '" + runId
                    + "'" + (benchmark == null ? "" : " on benchmark '" + benchmark + "'")
                    + (model == null ? "" : " by model '" + model + "'") + "; check the run id (evalctl runs)");
        }
        return Response.ok(report).build();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).entity(new ApiError(message)).type(MediaType.APPLICATION_JSON).build();
    }
}
