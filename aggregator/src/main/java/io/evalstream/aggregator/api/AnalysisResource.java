package io.evalstream.aggregator.api;

import static io.evalstream.aggregator.api.AnalysisRequests.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.contracts.ApiError;
import io.evalstream.reports.analysis.CellMeans;
import io.evalstream.reports.analysis.CompareOptions;
import io.evalstream.reports.analysis.FamilyMembers;
import io.evalstream.reports.analysis.ModelComparison;
import io.evalstream.reports.analysis.ModelComparison.Side;
import io.evalstream.reports.analysis.ModelSamples;
import io.evalstream.reports.analysis.PromptSensitivity;
import io.evalstream.reports.analysis.ScaleAxis;
import io.evalstream.reports.analysis.ScalingAnalysis;
import io.evalstream.reports.analysis.ScalingReport;
import io.evalstream.reports.analysis.SensitivityReport;
import io.evalstream.reports.render.ComparisonMarkdown;
import io.evalstream.reports.render.ReportJson;
import io.evalstream.reports.scoring.TaskSample;
import io.evalstream.aggregator.streams.ScoreStores;
import io.evalstream.aggregator.streams.StreamsLifecycle;
import io.evalstream.contracts.ModelInfo;
import io.evalstream.contracts.RunManifest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Analyses of runs, computed on request from the latest grade of every task (linear in the run's tasks; not for
 * polling): model comparison with paired tests and the seesaw flag, prompt sensitivity, scaling laws. Errors are
 * {@link ApiError}s: 400 for a bad query, 404 naming what has no grades or metadata, 503 while the stores are
 * not readable.
 */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisResource {

    private final StreamsLifecycle streams;
    private final ObjectMapper json;

    AnalysisResource(StreamsLifecycle streams, ObjectMapper mapper) {
        this.streams = streams;
        this.json = ReportJson.flat(mapper);
    }

    /**
     * Model {@code a} (in {@code baselineRun}, default this run) against model {@code b} (in this run), per
     * benchmark on the samples both have: the paired test, B - A with its clustered standard error, the power, and
     * the seesaw verdict on p-values adjusted by {@code correction} (holm, bh or none; default holm). {@code power}
     * (default 0.8) and {@code difference} size the run; {@code cluster} (item or subset) says what else clusters;
     * {@code format=markdown} gives it as a Markdown document instead of JSON.
     */
    @GET
    @Path("/{runId}/compare")
    @Produces({MediaType.APPLICATION_JSON, "text/markdown"})
    public Response compare(@PathParam("runId") String runId, @QueryParam("a") String a,
            @QueryParam("b") String b, @QueryParam("baselineRun") String baselineRun,
            @QueryParam("alpha") String alpha, @QueryParam("correction") String correction,
            @QueryParam("power") String power, @QueryParam("difference") String difference,
            @QueryParam("cluster") String cluster, @QueryParam("format") String format,
            @QueryParam("scorer") String scorer) {
        boolean markdown = AnalysisRequests.markdown(format);
        Side sideB = new Side(AnalysisRequests.id(runId, "run id"),
                AnalysisRequests.required(b, "b", "?a=sim-v1&b=sim-v2 (a: the baseline model, b: the other)"));
        Side sideA = new Side(baselineRun == null ? runId : AnalysisRequests.id(baselineRun, "baselineRun"),
                AnalysisRequests.required(a, "a", "?a=sim-v1&b=sim-v2 (a: the baseline model, b: the other)"));
        ScoreStores stores = streams.stores();
        CompareOptions options = new CompareOptions(AnalysisRequests.alpha(alpha),
                AnalysisRequests.correction(correction), AnalysisRequests.power(power),
                AnalysisRequests.difference(difference), AnalysisRequests.clusterBy(cluster),
                declaredClusters(stores, sideB.runId(), sideA.runId()));
        String by = scorer == null ? null : AnalysisRequests.id(scorer, "scorer");
        ModelSamples samplesB = samples(stores, sideB.runId(), sideA.runId().equals(sideB.runId())
                ? new TreeSet<>(List.of(sideA.modelId(), sideB.modelId())) : Set.of(sideB.modelId()), by);
        ModelSamples samplesA = sideA.runId().equals(sideB.runId()) ? samplesB
                : samples(stores, sideA.runId(), Set.of(sideA.modelId()), by);
        requireGraded(samplesA, sideA);
        requireGraded(samplesB, sideB);
        ModelComparison comparison = ModelComparison.of(sideA, sideB, samplesA.of(sideA.modelId()),
                samplesB.of(sideB.modelId()), options);
        return markdown ? Response.ok(ComparisonMarkdown.render(comparison), "text/markdown; charset=UTF-8").build()
                : Response.ok(json.valueToTree(comparison), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Per (model, benchmark) run in two or more prompt template variants: the variants' scores and spread. */
    @GET
    @Path("/{runId}/sensitivity")
    public SensitivityReport sensitivity(@PathParam("runId") String runId, @QueryParam("scorer") String scorer) {
        AnalysisRequests.id(runId, "run id");
        String by = scorer == null ? null : AnalysisRequests.id(scorer, "scorer");
        SensitivityReport report = streams.stores().latestSamples(runId,
                samples -> PromptSensitivity.of(runId, TaskSample.scoredBy(samples, by)));
        if (report.samples() == 0) {
            throw noGrades(runId);
        }
        return report;
    }

    /**
     * Power laws of loss (1 - mean score) against {@code x} (trainingFlops or parameters) across the members of
     * {@code family}, as the run spec's modelInfo describes them; with {@code predict}, the loss and score of a
     * member at that x.
     */
    @GET
    @Path("/{runId}/scaling")
    public ScalingReport scaling(@PathParam("runId") String runId, @QueryParam("family") String family,
            @QueryParam("x") String x, @QueryParam("predict") String predict) {
        AnalysisRequests.id(runId, "run id");
        AnalysisRequests.required(family, "family", "?family=llama&x=trainingFlops&predict=1e24");
        ScaleAxis axis = x == null ? ScaleAxis.TRAINING_FLOPS : ScaleAxis.parse(x).orElseThrow(() -> fail(
                Status.BAD_REQUEST, "query parameter 'x' must be 'trainingFlops' or 'parameters', got '" + x + "'"));
        OptionalDouble at = AnalysisRequests.positive(predict, "predict");
        ScoreStores stores = streams.stores();
        RunManifest manifest = stores.manifest(runId).orElseThrow(() -> fail(Status.NOT_FOUND, "no manifest of run '"
                + runId + "' has reached the aggregator, and model metadata comes from its run spec"));
        FamilyMembers members = FamilyMembers.of(manifest.spec().modelInfo(), family, axis);
        if (members.unknownFamily()) {
            throw fail(Status.NOT_FOUND, "run '" + runId + "' has no model of family '" + family
                    + "' in its spec's modelInfo; families there: " + families(manifest));
        }
        if (members.withX().size() < 2) {
            throw fail(Status.BAD_REQUEST, "a scaling law needs 2 or more members of family '" + family + "' with '"
                    + axis.field() + "' in the run spec's modelInfo; " + members.withX().keySet() + " have it, "
                    + members.withoutX() + " lack it (add it, or try x=" + other(axis).field() + ")");
        }
        Map<String, Map<String, Double>> means = stores.latestSamples(runId, samples -> CellMeans.of(samples, members.withX().keySet()));
        return ScalingAnalysis.of(runId, family, axis, members, means, at);
    }

    /** The clusters the runs' manifests declare, by benchmark; B's run first, as the items compared are its. */
    private static Map<String, Map<String, String>> declaredClusters(ScoreStores stores, String... runIds) {
        Map<String, Map<String, String>> declared = new HashMap<>();
        for (String runId : runIds) {
            stores.manifest(runId).ifPresent(manifest -> manifest.clusters()
                    .forEach(clusters -> declared.putIfAbsent(clusters.benchmarkId(), clusters.items())));
        }
        return declared;
    }

    /** @param scorer whose verdicts to compare (issue 19); null for the headline's */
    private static ModelSamples samples(ScoreStores stores, String runId, Set<String> models, String scorer) {
        ModelSamples samples = stores.latestSamples(runId, all -> ModelSamples.collect(TaskSample.scoredBy(all,
                scorer), models));
        if (samples.modelsGraded().isEmpty()) {
            throw noGrades(runId);
        }
        return samples;
    }

    private static void requireGraded(ModelSamples samples, Side side) {
        if (samples.of(side.modelId()).isEmpty()) {
            throw fail(Status.NOT_FOUND, "run '" + side.runId() + "' has no grades of model '" + side.modelId()
                    + "'; models with grades there: " + samples.modelsGraded());
        }
    }

    private static WebApplicationException noGrades(String runId) {
        return fail(Status.NOT_FOUND, "no grades of run '" + runId + "' have reached the aggregator");
    }

    private static Set<String> families(RunManifest manifest) {
        TreeSet<String> families = new TreeSet<>();
        manifest.spec().modelInfo().values().stream().map(ModelInfo::family).forEach(families::add);
        return families;
    }

    private static ScaleAxis other(ScaleAxis axis) {
        return axis == ScaleAxis.TRAINING_FLOPS ? ScaleAxis.PARAMETERS : ScaleAxis.TRAINING_FLOPS;
    }
}
