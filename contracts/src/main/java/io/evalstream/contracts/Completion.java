package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

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
 * @param firstTokenMillis time from sending the successful attempt to its first generated token (streaming
 *                      backends); null when the backend cannot tell
 * @param scores        for a task scored by likelihood, the log-probability of each choice (multiple choice, in
 *                      the task's order) or of the whole text (perplexity, one); null for a generation
 * @param spend         what the answer's model call cost, set by the worker just before it publishes; null (and left
 *                      out of the JSON) before then and on completions written before prices existed
 */
public record Completion(int schemaVersion, PromptTask task, CompletionStatus status, String text, ModelError error,
        String backend, boolean simulated, long latencyMillis, int attempts, TokenUsage usage, Instant completedAt,
        Long firstTokenMillis, List<ContinuationScore> scores, @JsonInclude(JsonInclude.Include.NON_NULL) Spend spend) {

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
        if (firstTokenMillis != null) {
            Require.between(firstTokenMillis, 0, latencyMillis, "firstTokenMillis");
        }
        scores = scores == null || scores.isEmpty() ? null : List.copyOf(scores);
        if (status == CompletionStatus.OK) {
            int expected = switch (task.kind()) {
                case GENERATE -> 0;
                case MULTIPLE_CHOICE -> task.choicesOrEmpty().size();
                case PERPLEXITY -> 1;
            };
            int given = scores == null ? 0 : scores.size();
            if (given != expected) {
                throw new InvalidRecordException("field 'scores' must hold " + expected + " log-probabilities for a "
                        + task.kind() + " task, got " + given);
            }
        }
    }

    /** A completion not priced yet. */
    public Completion(int schemaVersion, PromptTask task, CompletionStatus status, String text, ModelError error,
            String backend, boolean simulated, long latencyMillis, int attempts, TokenUsage usage,
            Instant completedAt, Long firstTokenMillis, List<ContinuationScore> scores) {
        this(schemaVersion, task, status, text, error, backend, simulated, latencyMillis, attempts, usage,
                completedAt, firstTokenMillis, scores, null);
    }

    /** A completion with no log-probabilities. */
    public Completion(int schemaVersion, PromptTask task, CompletionStatus status, String text, ModelError error,
            String backend, boolean simulated, long latencyMillis, int attempts, TokenUsage usage,
            Instant completedAt, Long firstTokenMillis) {
        this(schemaVersion, task, status, text, error, backend, simulated, latencyMillis, attempts, usage,
                completedAt, firstTokenMillis, null);
    }

    /** A completion whose time to first token is not known. */
    public Completion(int schemaVersion, PromptTask task, CompletionStatus status, String text, ModelError error,
            String backend, boolean simulated, long latencyMillis, int attempts, TokenUsage usage,
            Instant completedAt) {
        this(schemaVersion, task, status, text, error, backend, simulated, latencyMillis, attempts, usage,
                completedAt, null);
    }

    /** This completion with what its call cost. */
    public Completion withSpend(Spend spend) {
        return new Completion(schemaVersion, task, status, text, error, backend, simulated, latencyMillis, attempts,
                usage, completedAt, firstTokenMillis, scores, spend);
    }

    /** The lane whose price applies: the batch lane's backend kind, or a synchronous call. */
    public Lane lane() {
        return Lane.of(backend);
    }

    public TaskId taskId() {
        return task.taskId();
    }

    public static Completion ok(PromptTask task, String text, String backend, boolean simulated, long latencyMillis,
            int attempts, TokenUsage usage) {
        return ok(task, text, backend, simulated, latencyMillis, attempts, usage, null);
    }

    public static Completion ok(PromptTask task, String text, String backend, boolean simulated, long latencyMillis,
            int attempts, TokenUsage usage, Long firstTokenMillis) {
        return ok(task, text, backend, simulated, latencyMillis, attempts, usage, firstTokenMillis, null);
    }

    public static Completion ok(PromptTask task, String text, String backend, boolean simulated, long latencyMillis,
            int attempts, TokenUsage usage, Long firstTokenMillis, List<ContinuationScore> scores) {
        return new Completion(SchemaVersion.CURRENT, task, CompletionStatus.OK, text, null, backend, simulated,
                latencyMillis, attempts, usage, Instant.now(), firstTokenMillis, scores);
    }

    public static Completion failed(PromptTask task, ModelError error, String backend, long latencyMillis,
            int attempts) {
        return new Completion(SchemaVersion.CURRENT, task, CompletionStatus.ERROR, null, error, backend, false,
                latencyMillis, attempts, TokenUsage.NONE, Instant.now());
    }
}
