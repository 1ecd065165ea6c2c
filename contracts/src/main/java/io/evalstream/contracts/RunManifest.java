package io.evalstream.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A submitted run as published on the compacted runs topic (key = runId): the spec plus the
 * expected task count per (model, benchmark), so progress and ETA are known from the first grade.
 */
public record RunManifest(int schemaVersion, RunSpec spec, List<ExpectedCount> expected, Instant submittedAt) {

    public RunManifest {
        Require.supportedVersion(schemaVersion);
        Require.present(spec, "spec");
        expected = Require.nonEmpty(expected, "expected");
        Require.present(submittedAt, "submittedAt");
    }

    public String runId() {
        return spec.runId();
    }

    public long expectedTotal() {
        return expected.stream().mapToLong(ExpectedCount::tasks).sum();
    }
}
