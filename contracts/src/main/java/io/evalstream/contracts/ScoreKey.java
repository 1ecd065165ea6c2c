package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** One cell of a run's scoreboard: {@code runId/modelId/benchmarkId}, the key of the metrics topic. */
public record ScoreKey(String runId, String modelId, String benchmarkId) {

    public ScoreKey {
        Require.id(runId, "runId");
        Require.id(modelId, "modelId");
        Require.id(benchmarkId, "benchmarkId");
    }

    @JsonCreator
    public static ScoreKey parse(String text) {
        Require.present(text, "scoreKey");
        String[] parts = text.split(TaskId.SEPARATOR, -1);
        if (parts.length != 3) {
            throw new InvalidRecordException(
                    "a score key must be runId/modelId/benchmarkId, got '"
                            + Texts.abbreviate(text, Texts.IN_A_MESSAGE) + "'");
        }
        return new ScoreKey(parts[0], parts[1], parts[2]);
    }

    /** Prefix shared by every score key of a run; sorts before all of them in a key-ordered store. */
    public static String runPrefix(String runId) {
        return runId + TaskId.SEPARATOR;
    }

    @JsonValue
    @Override
    public String toString() {
        return String.join(TaskId.SEPARATOR, runId, modelId, benchmarkId);
    }
}
