package io.evalstream.grader;

import io.evalstream.contracts.Answer;
import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.CodeCheck;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.ModelError;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.SettingsHash;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.contracts.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic tasks and completions for tests. */
public final class Fixtures {

    public static final Instant COMPLETED_AT = Instant.parse("2025-03-01T12:00:00Z");
    private static final Map<Extraction, String> BENCHMARKS = Map.of(Extraction.NUMERIC, "gsm8k",
            Extraction.MULTIPLE_CHOICE, "mmlu", Extraction.BOXED, "math", Extraction.ANSWER_LINE, "drop",
            Extraction.CODE, "humaneval");
    private static final Map<Extraction, Category> CATEGORIES = Map.of(Extraction.NUMERIC, Category.MATH,
            Extraction.MULTIPLE_CHOICE, Category.KNOWLEDGE, Extraction.BOXED, Category.MATH,
            Extraction.ANSWER_LINE, Category.COMPREHENSION, Extraction.CODE, Category.CODING);

    private Fixtures() {
    }

    /** A task graded by its extraction's default metric, with no aliases and no subset. */
    public static PromptTask task(String runId, String itemId, Extraction extraction, String reference) {
        return task(runId, itemId, extraction, extraction.defaultMetric(), reference, List.of(), null);
    }

    public static PromptTask task(String runId, String itemId, Extraction extraction, Metric metric,
            String reference, List<String> aliases, Subset subset) {
        Settings settings = Settings.defaults().withShots(extraction == Extraction.NUMERIC ? 8 : 5);
        String variant = "default";
        TaskId taskId = new TaskId(runId, "llama-3-8b", BENCHMARKS.get(extraction), itemId, variant, 0);
        return PromptTask.of(taskId, Purpose.EVAL, "Question: ...\nAnswer:", AnswerKey.of(extraction, metric,
                reference, aliases, null), new TaskSetup(CATEGORIES.get(extraction), subset, settings,
                SettingsHash.of(settings, extraction, metric, variant, ""), null));
    }

    /** A HumanEval-style task: {@code prefix} is the prompt the completion continues. */
    public static PromptTask codeTask(String runId, String itemId, CodeCheck code) {
        Settings settings = Settings.defaults();
        TaskId taskId = new TaskId(runId, "llama-3-8b", "humaneval", itemId, "default", 0);
        return PromptTask.of(taskId, Purpose.EVAL, code.prefix(), AnswerKey.of(Extraction.CODE, Metric.CODE_EXECUTION,
                "pass", List.of(), code), TaskSetup.of(Category.CODING, settings, SettingsHash.of(settings,
                Extraction.CODE, Metric.CODE_EXECUTION, "default", "")));
    }

    /** A story-continuation task (benchmark {@code stories}) judged on the TinyStories rubric by {@code judge}. */
    public static PromptTask storyTask(String runId, String itemId, String beginning, String judge) {
        Settings settings = Settings.of(0, false, 0.0, 1.0, 128, 0L, List.of());
        Judging judging = new Judging("tinystories", judge);
        TaskId taskId = new TaskId(runId, "stories260K", "stories", itemId, "default", 0);
        return PromptTask.of(taskId, Purpose.EVAL, beginning, AnswerKey.of(Extraction.TEXT, Metric.RUBRIC, beginning,
                List.of(), null), new TaskSetup(Category.WRITING, null, settings, SettingsHash.of(settings,
                Extraction.TEXT, Metric.RUBRIC, "default", "judge=" + judge), judging));
    }

    public static Completion ok(PromptTask task, String text) {
        return Completion.of(task, Answer.ok(text), ModelCall.of("sim", true, 420, 1, new TokenUsage(180, 42),
                COMPLETED_AT));
    }

    public static Completion failed(PromptTask task, ErrorKind kind) {
        return Completion.of(task, Answer.failed(new ModelError(kind, "no answer after 3 attempts")),
                ModelCall.of("openai", false, 30_000, 3, TokenUsage.NONE, COMPLETED_AT));
    }
}
