package io.evalstream.contracts;

/** Which (run, model, benchmark) cell a score is of, with the benchmark's category (null when not known). */
public record CellId(String runId, String modelId, String benchmarkId, Category category) {

    public CellId {
        Require.id(runId, "runId");
        Require.id(modelId, "modelId");
        Require.id(benchmarkId, "benchmarkId");
    }

    public static CellId of(ScoreKey key, Category category) {
        return new CellId(key.runId(), key.modelId(), key.benchmarkId(), category);
    }

    public ScoreKey key() {
        return new ScoreKey(runId, modelId, benchmarkId);
    }
}
