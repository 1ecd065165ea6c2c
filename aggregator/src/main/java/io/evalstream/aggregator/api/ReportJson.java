package io.evalstream.aggregator.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.aggregator.scoring.GroupScore;
import io.evalstream.aggregator.scoring.RollupScore;
import io.evalstream.aggregator.scoring.RunTotals;
import io.evalstream.aggregator.scoring.SubsetScore;
import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Estimate;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.VerdictCounts;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The JSON form of the scoring records the REST API answers with: their values ({@link Progress},
 * {@link VerdictCounts}, {@link ScoreEstimates}, {@link CallStats}) unwrapped into the flat fields the reports always
 * had, so {@code evalctl} and {@code local-stack}, which read them by name, see no change. Mix-ins, because the scoring
 * package stays free of Jackson.
 */
@Singleton
public class ReportJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(RollupScore.class, RollupScoreJson.class)
                .addMixIn(SubsetScore.class, EstimatesJson.class)
                .addMixIn(GroupScore.class, EstimatesJson.class)
                .addMixIn(RunTotals.class, RunTotalsJson.class);
    }

    abstract static class EstimatesJson {
        @JsonUnwrapped
        abstract ScoreEstimates estimates();
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
