package io.evalstream.worker.backend;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Texts;
import io.evalstream.contracts.WireFormat;

/**
 * Decides whether a record read off the tasks topic is a task this worker can serve. Anything else is
 * invalid input with a reason fit for the dead-letter topic: not a valid {@link PromptTask}, or a Kafka key
 * that is not the task's id. A task for a model this worker does not serve is admitted: it belongs to its run, which
 * counts it once {@link ModelRouter#complete} has ended it as an error completion.
 */
public final class TaskAdmission {

    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);
    private static final int MAX_KEY_CHARS = 200;

    private TaskAdmission() {
    }

    /** @param key the record's Kafka key, or null when it has none (a key is optional; if present it must match) */
    public static Decoded<PromptTask> admit(String key, byte[] value) {
        Decoded<PromptTask> decoded = TASKS.decode(value);
        if (!(decoded instanceof Decoded.Valid<PromptTask> valid)) {
            return decoded;
        }
        PromptTask task = valid.value();
        String taskId = task.taskId().toString();
        if (key != null && !key.equals(taskId)) {
            return new Decoded.Invalid<>("record key '" + Texts.abbreviate(key, MAX_KEY_CHARS)
                    + "' differs from the task's taskId '"
                    + taskId + "'; the key must be the taskId");
        }
        return decoded;
    }
}
