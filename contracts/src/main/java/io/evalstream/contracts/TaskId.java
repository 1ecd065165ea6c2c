package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Deterministic identity of one sample of one item for one model:
 * {@code runId/modelId/benchmarkId/itemId/variant/sample}. Re-publishing a run, a retried model call
 * and a redelivered record all carry the same id, which is what makes results exactly-once.
 * It is the Kafka key of tasks, completions and grades.
 */
public record TaskId(String runId, String modelId, String benchmarkId, String itemId, String variant, int sample) {

    public static final String SEPARATOR = "/";

    /** Variants of judge tasks start with this. */
    public static final String JUDGE_VARIANT_PREFIX = "judge-";

    public TaskId {
        Require.id(runId, "taskId.runId");
        Require.id(modelId, "taskId.modelId");
        Require.id(benchmarkId, "taskId.benchmarkId");
        Require.id(itemId, "taskId.itemId");
        Require.id(variant, "taskId.variant");
        Require.atLeast(sample, 0, "taskId.sample");
    }

    @JsonCreator
    public static TaskId parse(String text) {
        Require.present(text, "taskId");
        String[] parts = text.split(SEPARATOR, -1);
        if (parts.length != 6) {
            throw new InvalidRecordException("field 'taskId' must have 6 '/'-separated parts"
                    + " runId/modelId/benchmarkId/itemId/variant/sample, got '"
                    + Texts.abbreviate(text, Texts.IN_A_MESSAGE) + "'");
        }
        int sample;
        try {
            sample = Integer.parseInt(parts[5]);
        } catch (NumberFormatException e) {
            throw new InvalidRecordException(
                    "field 'taskId' must end in a sample number (0, 1, ...), got '"
                            + Texts.abbreviate(parts[5], Texts.IN_A_MESSAGE) + "'");
        }
        return new TaskId(parts[0], parts[1], parts[2], parts[3], parts[4], sample);
    }

    /**
     * The id of the task that asks {@code judgeModel} to judge this task's answer: same run, benchmark, item and
     * sample; the variant names the subject's model and variant through a digest, so two subjects never share a
     * judge task and the id stays within the length limits.
     */
    public TaskId judgedBy(String judgeModel) {
        return new TaskId(runId, judgeModel, benchmarkId, itemId,
                JUDGE_VARIANT_PREFIX + SettingsHash.sha256Hex(modelId + SEPARATOR + variant), sample);
    }

    /** The key under which the aggregator groups this task's grade. */
    public ScoreKey scoreKey() {
        return new ScoreKey(runId, modelId, benchmarkId);
    }

    @JsonValue
    @Override
    public String toString() {
        return String.join(SEPARATOR, runId, modelId, benchmarkId, itemId, variant, Integer.toString(sample));
    }
}
