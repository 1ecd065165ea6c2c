package io.evalstream.contracts;

/**
 * What one worker process has committed to one model for one run with a budget: spent on calls that ended plus held
 * for calls in flight (each at the most it can cost), in nano-dollars, cumulative (topic {@link Topics#SPEND}, key
 * {@link #key()}; compacted, so the latest per process stays).
 */
public record SpendReport(String runId, String modelId, String instance, long committedNanoUsd) {

    public SpendReport {
        Require.id(runId, "runId");
        Require.id(modelId, "modelId");
        Require.id(instance, "instance");
        Require.atLeast(committedNanoUsd, 0, "committedNanoUsd");
    }

    public String key() {
        return runId + TaskId.SEPARATOR + modelId + TaskId.SEPARATOR + instance;
    }
}
