package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A submitted run as published on the compacted runs topic (key = runId): the spec plus the
 * expected task count per (model, benchmark), so progress and ETA are known from the first grade, and the
 * effective settings of every benchmark variant, so reports record what their numbers mean; for benchmarks that
 * declare a {@code cluster}, each item's cluster ({@code clusters}, left out of the JSON when there is none).
 */
public record RunManifest(int schemaVersion, RunSpec spec, List<ExpectedCount> expected,
        List<BenchmarkSettings> benchmarkSettings, Instant submittedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<BenchmarkClusters> clusters) {

    public RunManifest {
        Require.supportedVersion(schemaVersion);
        Require.present(spec, "spec");
        expected = Require.nonEmpty(expected, "expected");
        benchmarkSettings = benchmarkSettings == null ? List.of() : List.copyOf(benchmarkSettings);
        Require.present(submittedAt, "submittedAt");
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }

    /** A manifest of benchmarks that declare no clusters. */
    public RunManifest(int schemaVersion, RunSpec spec, List<ExpectedCount> expected,
            List<BenchmarkSettings> benchmarkSettings, Instant submittedAt) {
        this(schemaVersion, spec, expected, benchmarkSettings, submittedAt, List.of());
    }

    public String runId() {
        return spec.runId();
    }

    public long expectedTotal() {
        return expected.stream().mapToLong(ExpectedCount::tasks).sum();
    }
}
