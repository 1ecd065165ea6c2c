package io.evalstream.contracts;

/** How many tasks a run publishes for one (model, benchmark): the denominator of progress. */
public record ExpectedCount(String modelId, String benchmarkId, Category category, long tasks) {

    public ExpectedCount {
        Require.id(modelId, "expected[].modelId");
        Require.id(benchmarkId, "expected[].benchmarkId");
        Require.present(category, "expected[].category");
        Require.atLeast(tasks, 0, "expected[].tasks");
    }
}
