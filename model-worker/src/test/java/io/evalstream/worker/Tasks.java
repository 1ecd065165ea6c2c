package io.evalstream.worker;

import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.SettingsHash;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import java.util.List;

/** Realistic tasks for tests: a GSM8K-style math item and an MMLU-style multiple-choice item. */
public final class Tasks {

    private Tasks() {
    }

    public static PromptTask numeric(String runId, String model, String item, String reference) {
        return task(new TaskId(runId, model, "gsm8k", item, "default", 0), Extraction.NUMERIC, Category.MATH,
                "Question: Natalia sold clips to 48 of her friends in April, and then she sold half as many clips"
                        + " in May. How many clips did Natalia sell altogether in April and May?\nAnswer:",
                reference, Settings.defaults());
    }

    public static PromptTask choice(String runId, String model, String item, String reference) {
        return task(new TaskId(runId, model, "mmlu", item, "default", 0), Extraction.MULTIPLE_CHOICE,
                Category.KNOWLEDGE, "Question: Which planet is known as the Red Planet?\n(A) Venus\n(B) Mars\n"
                        + "(C) Jupiter\n(D) Saturn\nAnswer:", reference, Settings.defaults());
    }

    /** A story beginning to continue, judged on the TinyStories rubric by the grader's automatic judge. */
    public static PromptTask story(String runId, String model, String item, String beginning, int maxTokens) {
        TaskId id = new TaskId(runId, model, "stories", item, "default", 0);
        Settings settings = Settings.of(0, false, 0.0, 1.0, maxTokens, 0L, List.of());
        Judging judging = new Judging("tinystories", Judging.AUTO);
        return PromptTask.of(id, Purpose.EVAL, beginning, AnswerKey.of(Extraction.TEXT, Metric.RUBRIC, beginning,
                List.of(), null), new TaskSetup(Category.WRITING, null, settings, SettingsHash.of(settings,
                Extraction.TEXT, Metric.RUBRIC, id.variant(), "story", judging), judging));
    }

    public static PromptTask task(TaskId id, Extraction extraction, Category category, String prompt,
            String reference, Settings settings) {
        return PromptTask.of(id, Purpose.EVAL, prompt, AnswerKey.of(extraction, reference), TaskSetup.of(category,
                settings, SettingsHash.of(settings, extraction, extraction.defaultMetric(), id.variant(),
                "test-template")));
    }
}
