package io.evalstream.reports.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.evalstream.contracts.TaskId;

/**
 * Which task an export line grades: its id and, for scripts that filter lines, the id's parts as fields of their own.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExportedTask(String taskId, String runId, String modelId, String benchmarkId, String itemId,
        String variant, int sample) {

    public static ExportedTask of(TaskId task) {
        return new ExportedTask(task.toString(), task.runId(), task.modelId(), task.benchmarkId(), task.itemId(),
                task.variant(), task.sample());
    }

    /**
     * The task these fields name.
     *
     * @throws IllegalArgumentException when {@link #taskId} is not the id the parts make (a line edited by hand)
     */
    public TaskId toTaskId() {
        TaskId task = new TaskId(runId, modelId, benchmarkId, itemId, variant, sample);
        if (!task.toString().equals(taskId)) {
            throw new IllegalArgumentException("taskId " + taskId + " disagrees with its fields (" + task + ")");
        }
        return task;
    }
}
