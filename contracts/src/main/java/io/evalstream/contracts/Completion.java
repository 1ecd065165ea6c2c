package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/**
 * A model's answer to one task, or its terminal failure (completions topic, key = taskId). It carries
 * the task, so the grader needs no other state. Its JSON is one flat object, written through the unwrapped values
 * and read through {@link Wire}, as {@link PromptTask}'s.
 *
 * @param answer what came back: the text, or why there is none
 * @param call   how the model call that made it went
 * @param scores for a task scored by likelihood, the log-probability of each choice (multiple choice, in
 *               the task's order) or of the whole text (perplexity, one); null for a generation
 * @param spend  what the answer's model call cost, set by the worker just before it publishes; null (and left
 *               out of the JSON) before then and on completions written before prices existed
 */
public record Completion(int schemaVersion, PromptTask task, @JsonUnwrapped Answer answer,
        @JsonUnwrapped ModelCall call, List<ContinuationScore> scores,
        @JsonInclude(JsonInclude.Include.NON_NULL) Spend spend) {

    public Completion {
        Require.supportedVersion(schemaVersion);
        Require.present(task, "task");
        Require.present(answer, "answer");
        Require.present(call, "call");
        Require.present(answer.status(), "status");
        switch (answer.status()) {
            case OK -> Require.present(answer.text(), "text");
            case ERROR -> Require.present(answer.error(), "error");
        }
        Require.nonBlank(call.backend(), "backend");
        Require.atLeast(call.latencyMillis(), 0, "latencyMillis");
        Require.atLeast(call.attempts(), 1, "attempts");
        if (call.usage() == null) {
            call = new ModelCall(call.backend(), call.simulated(), call.latencyMillis(), call.attempts(),
                    TokenUsage.NONE, call.completedAt(), call.firstTokenMillis());
        }
        Require.present(call.completedAt(), "completedAt");
        if (call.firstTokenMillis() != null) {
            Require.between(call.firstTokenMillis(), 0, call.latencyMillis(), "firstTokenMillis");
        }
        scores = scores == null || scores.isEmpty() ? null : List.copyOf(scores);
        if (answer.status() == CompletionStatus.OK) {
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

    /** The flat JSON object as written, field for field: read as plain properties, which is fast. */
    private record Wire(int schemaVersion, PromptTask task, CompletionStatus status, String text, ModelError error,
            String backend, boolean simulated, long latencyMillis, int attempts, TokenUsage usage,
            Instant completedAt, Long firstTokenMillis, List<ContinuationScore> scores, Spend spend) {
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    private static Completion read(Wire wire) {
        return new Completion(wire.schemaVersion(), wire.task(), new Answer(wire.status(), wire.text(), wire.error()),
                new ModelCall(wire.backend(), wire.simulated(), wire.latencyMillis(), wire.attempts(), wire.usage(),
                        wire.completedAt(), wire.firstTokenMillis()), wire.scores(), wire.spend());
    }

    /** A completion of a generation (or a failed call), not priced yet. */
    public static Completion of(PromptTask task, Answer answer, ModelCall call) {
        return new Completion(SchemaVersion.CURRENT, task, answer, call, null, null);
    }

    /**
     * A model's answer, not priced yet, to a task of any kind: {@code scores} are the log-probabilities of a task
     * scored by likelihood, null or empty for a generation (the constructor checks they fit the task).
     */
    public static Completion answered(PromptTask task, String text, ModelCall call, List<ContinuationScore> scores) {
        return new Completion(SchemaVersion.CURRENT, task, Answer.ok(text), call, scores, null);
    }

    /** This completion with what its call cost. */
    public Completion withSpend(Spend spend) {
        return new Completion(schemaVersion, task, answer, call, scores, spend);
    }

    public CompletionStatus status() {
        return answer.status();
    }

    public String text() {
        return answer.text();
    }

    public ModelError error() {
        return answer.error();
    }

    public String backend() {
        return call.backend();
    }

    public boolean simulated() {
        return call.simulated();
    }

    public long latencyMillis() {
        return call.latencyMillis();
    }

    public int attempts() {
        return call.attempts();
    }

    public TokenUsage usage() {
        return call.usage();
    }

    public Instant completedAt() {
        return call.completedAt();
    }

    public Long firstTokenMillis() {
        return call.firstTokenMillis();
    }

    /** The lane whose price applies: the batch lane's backend kind, or a synchronous call. */
    public Lane lane() {
        return Lane.of(call.backend());
    }

    public TaskId taskId() {
        return task.taskId();
    }

    public static Completion failed(PromptTask task, ModelError error, String backend, long latencyMillis,
            int attempts) {
        return of(task, Answer.failed(error), ModelCall.now(backend, false, latencyMillis, attempts, TokenUsage.NONE));
    }
}
