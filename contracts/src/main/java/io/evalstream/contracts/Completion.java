package io.evalstream.contracts;

import java.time.Instant;

/**
 * A model's answer to one task, or its terminal failure (completions topic, key = taskId). It carries
 * the task, so the grader needs no other state.
 *
 * @param text          the generated text; null when status is ERROR
 * @param error         why the call failed; null when status is OK
 * @param backend       the backend kind that served it ({@code sim}, {@code openai}, ...)
 * @param simulated     true when the text was made up by the simulator, not by a model
 * @param latencyMillis wall time of the successful (or last) attempt
 * @param attempts      model calls made, retries included
 */
public record Completion(int schemaVersion, PromptTask task, CompletionStatus status, String text, ModelError error,
        String backend, boolean simulated, long latencyMillis, int attempts, TokenUsage usage, Instant completedAt) {

    public Completion {
        Require.supportedVersion(schemaVersion);
        Require.present(task, "task");
        Require.present(status, "status");
        switch (status) {
            case OK -> Require.present(text, "text");
            case ERROR -> Require.present(error, "error");
        }
        Require.nonBlank(backend, "backend");
        Require.atLeast(latencyMillis, 0, "latencyMillis");
        Require.atLeast(attempts, 1, "attempts");
        usage = usage == null ? TokenUsage.NONE : usage;
        Require.present(completedAt, "completedAt");
    }

    public TaskId taskId() {
        return task.taskId();
    }

    public static Completion ok(PromptTask task, String text, String backend, boolean simulated, long latencyMillis,
            int attempts, TokenUsage usage) {
        return new Completion(SchemaVersion.CURRENT, task, CompletionStatus.OK, text, null, backend, simulated,
                latencyMillis, attempts, usage, Instant.now());
    }

    public static Completion failed(PromptTask task, ModelError error, String backend, long latencyMillis,
            int attempts) {
        return new Completion(SchemaVersion.CURRENT, task, CompletionStatus.ERROR, null, error, backend, false,
                latencyMillis, attempts, TokenUsage.NONE, Instant.now());
    }
}
