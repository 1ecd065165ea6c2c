package io.evalstream.reports.render;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.reports.analysis.BenchmarkComparison;
import io.evalstream.reports.scoring.GroupScore;
import io.evalstream.reports.scoring.RollupScore;
import io.evalstream.reports.scoring.RunTotals;
import io.evalstream.reports.scoring.SubsetScore;
import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Estimate;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.VerdictCounts;

/**
 * The JSON form of the scoring and comparison records the REST API answers with: their values ({@link Progress},
 * {@link VerdictCounts}, {@link ScoreEstimates}, {@link CallStats}) unwrapped into the flat fields the reports always
 * had, so {@code evalctl} and {@code local-stack}, which read them by name, see no change. Mix-ins, because the scoring
 * package stays free of Jackson; applied by the resources that answer with these records (an
 * {@code ObjectMapperCustomizer} did not reach the REST writer's mapper).
 */
public final class ReportJson {

    private ReportJson() {
    }

    /** A copy of {@code base} (the service's configured mapper) that writes the scoring records flat. */
    public static ObjectMapper flat(ObjectMapper base) {
        return base.copy().addMixIn(RollupScore.class, RollupScoreJson.class)
                .addMixIn(SubsetScore.class, EstimatesJson.class)
                .addMixIn(GroupScore.class, EstimatesJson.class)
                .addMixIn(RunTotals.class, RunTotalsJson.class)
                .addMixIn(BenchmarkComparison.class, ComparisonJson.class);
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
}
