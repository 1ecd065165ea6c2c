package io.evalstream.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A submitted run as published on the compacted runs topic (key = runId): the spec plus the
 * expected task count per (model, benchmark), so progress and ETA are known from the first grade, and the
 * effective settings of every benchmark variant, so reports record what their numbers mean.
 */
public record RunManifest(int schemaVersion, RunSpec spec, List<ExpectedCount> expected,
        List<BenchmarkSettings> benchmarkSettings, Instant submittedAt) {

    public RunManifest {
        Require.supportedVersion(schemaVersion);
        Require.present(spec, "spec");
        expected = Require.nonEmpty(expected, "expected");
        benchmarkSettings = benchmarkSettings == null ? List.of() : List.copyOf(benchmarkSettings);
        Require.present(submittedAt, "submittedAt");
    }

    public String runId() {
        return spec.runId();
    }

    public long expectedTotal() {
        return expected.stream().mapToLong(ExpectedCount::tasks).sum();
    }
}
