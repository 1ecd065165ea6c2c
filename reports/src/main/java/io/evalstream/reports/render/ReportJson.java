package io.evalstream.reports.render;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.Estimate;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.VerdictCounts;
import io.evalstream.reports.analysis.BenchmarkComparison;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.GroupScore;
import io.evalstream.reports.scoring.RollupScore;
import io.evalstream.reports.scoring.RunBreakdown;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.reports.scoring.RunTotals;
import io.evalstream.reports.scoring.StoppedComparison;
import io.evalstream.reports.scoring.SubsetScore;
import java.io.IOException;
import java.util.List;

/**
 * The JSON form of the report records the aggregator's REST API answers with, both ways: the aggregator writes its
 * answers with {@link #flat} and {@code evalctl} and {@code local-stack} read them back into the same records with
 * {@link #mapper()}, so the shape is defined once. The records' values ({@link Progress}, {@link VerdictCounts},
 * {@link ScoreEstimates}, {@link CallStats}) are unwrapped into the flat fields the reports always had (users' scripts
 * and Grafana panels read them). Mix-ins, because the scoring package stays free of Jackson.
 */
public final class ReportJson {

    private static final TypeReference<List<DimensionScore>> DIMENSIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<StoppedComparison>> STOPS = new TypeReference<>() {
    };
    private static final ObjectMapper MAPPER = flat(Json.mapper());

    private ReportJson() {
    }

    /** The wire mapper ({@link Json#mapper()}) reading and writing the report records flat. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A copy of {@code base} (e.g. a service's configured mapper) that reads and writes the report records flat. */
    public static ObjectMapper flat(ObjectMapper base) {
        return base.copy().addMixIn(RollupScore.class, RollupScoreJson.class)
                .addMixIn(SubsetScore.class, EstimatesJson.class)
                .addMixIn(GroupScore.class, EstimatesJson.class)
                .addMixIn(RunTotals.class, RunTotalsJson.class)
                .addMixIn(BenchmarkComparison.class, ComparisonJson.class)
                .addMixIn(FullRunReport.class, FullRunReportJson.class)
                .addMixIn(RunBreakdown.class, RunBreakdownJson.class)
                .registerModule(new SimpleModule("report-json")
                        .addDeserializer(RollupScore.class, new FlatReader<>(RollupScore.class, ReportJson::rollupScore))
                        .addDeserializer(FullRunReport.class,
                                new FlatReader<>(FullRunReport.class, ReportJson::fullRunReport)));
    }

    abstract static class EstimatesJson {
        @JsonUnwrapped
        abstract ScoreEstimates estimates();
    }

    abstract static class ComparisonJson {
        @JsonUnwrapped
        abstract BenchmarkComparison.Decision decision();
    }

    abstract static class RunTotalsJson {
        @JsonUnwrapped
        abstract Progress grading();

        @JsonUnwrapped
        abstract VerdictCounts counts();
    }

    abstract static class FullRunReportJson {
        @JsonUnwrapped
        abstract RunReport live();

        @JsonUnwrapped
        abstract RunBreakdown breakdown();
    }

    /** The live part writes the report's settings hashes; the breakdown holds the same list (read, not written). */
    abstract static class RunBreakdownJson {
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        abstract List<String> settingsHashes();
    }

    abstract static class RollupScoreJson extends EstimatesJson {
        @JsonUnwrapped
        abstract Progress grading();

        @JsonUnwrapped
        abstract VerdictCounts counts();

        @JsonUnwrapped
        abstract CallStats calls();

        @JsonIgnore
        abstract Estimate benchmarkMean();

        @JsonProperty("benchmarkMean")
        abstract Double benchmarkMeanValue();

        @JsonProperty("benchmarkMeanStdErr")
        abstract Double benchmarkMeanStdErr();
    }

    /** The flat full report: each part reads its own fields. */
    private static FullRunReport fullRunReport(ObjectMapper codec, JsonNode flat) throws IOException {
        JsonNode stops = flat.path("stops");
        return new FullRunReport(codec.treeToValue(flat, RunReport.class), codec.treeToValue(flat, RunBreakdown.class),
                stops.isArray() ? codec.convertValue(stops, STOPS) : List.of());
    }

    /**
     * The flat rollup: its parts each take their fields from the one object, and the benchmark mean comes from two
     * fields no part owns, which no mix-in can map onto a creator.
     */
    private static RollupScore rollupScore(ObjectMapper codec, JsonNode flat) throws IOException {
        JsonNode judgeScores = flat.path("judgeScores");
        return new RollupScore(flat.path("modelId").asText(null),
                flat.hasNonNull("category") ? codec.treeToValue(flat.get("category"), Category.class) : null,
                flat.path("benchmarks").asInt(), codec.treeToValue(flat, Progress.class),
                codec.treeToValue(flat, VerdictCounts.class), codec.treeToValue(flat, ScoreEstimates.class),
                Estimate.mean(number(flat, "benchmarkMean"), number(flat, "benchmarkMeanStdErr")),
                judgeScores.isArray() ? codec.convertValue(judgeScores, DIMENSIONS) : List.of(),
                codec.treeToValue(flat, CallStats.class));
    }

    private static Double number(JsonNode flat, String field) {
        return flat.path(field).isNumber() ? flat.get(field).asDouble() : null;
    }
}
