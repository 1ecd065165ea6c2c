package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The settings one benchmark variant of a run was prompted and graded with, as recorded in the run manifest
 * so a report can say exactly what its numbers mean. {@code judging} is present for benchmarks judged on a
 * rubric.
 */
public record BenchmarkSettings(String benchmarkId, String variant, Settings settings, Extraction extraction,
        Metric metric, String settingsHash, @JsonInclude(JsonInclude.Include.NON_NULL) Judging judging) {

    public BenchmarkSettings {
        Require.id(benchmarkId, "benchmarkSettings[].benchmarkId");
        Require.id(variant, "benchmarkSettings[].variant");
        Require.present(settings, "benchmarkSettings[].settings");
        Require.present(extraction, "benchmarkSettings[].extraction");
        Require.present(metric, "benchmarkSettings[].metric");
        Require.nonBlank(settingsHash, "benchmarkSettings[].settingsHash");
    }

    /** Settings of a benchmark graded without a judge. */
    public BenchmarkSettings(String benchmarkId, String variant, Settings settings, Extraction extraction,
            Metric metric, String settingsHash) {
        this(benchmarkId, variant, settings, extraction, metric, settingsHash, null);
    }
}
