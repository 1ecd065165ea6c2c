package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The settings one benchmark variant of a run was prompted and graded with, as recorded in the run manifest
 * so a report can say exactly what its numbers mean. {@code judging} is present for benchmarks judged on a
 * rubric. Extraction and metric are the headline's registered names, spelled as {@link GradingNames} says.
 */
public record BenchmarkSettings(String benchmarkId, String variant, Settings settings, String extraction,
        String metric, String settingsHash, @JsonInclude(JsonInclude.Include.NON_NULL) Judging judging) {

    public BenchmarkSettings {
        Require.id(benchmarkId, "benchmarkSettings[].benchmarkId");
        Require.id(variant, "benchmarkSettings[].variant");
        Require.present(settings, "benchmarkSettings[].settings");
        extraction = GradingNames.extraction(extraction, "benchmarkSettings[].extraction");
        metric = GradingNames.metric(metric, "benchmarkSettings[].metric");
        Require.nonBlank(settingsHash, "benchmarkSettings[].settingsHash");
    }

    /** Settings of a benchmark graded by built-in names without a judge. */
    public BenchmarkSettings(String benchmarkId, String variant, Settings settings, Extraction extraction,
            Metric metric, String settingsHash) {
        this(benchmarkId, variant, settings, extraction.name(), metric.name(), settingsHash, null);
    }
}
