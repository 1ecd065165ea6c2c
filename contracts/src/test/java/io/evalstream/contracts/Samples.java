package io.evalstream.contracts;

import java.time.Instant;
import java.util.List;

/** One fixed, realistic instance of every wire record, shared by the golden and schema tests. */
final class Samples {

    static final Instant T = Instant.parse("2026-11-21T12:00:00Z");
    static final Settings SETTINGS = Settings.of(5, true, 0.0, 1.0, 512, 1234L, List.of("Question:"));
    static final TaskId TASK_ID = TaskId.parse("run-42/gpt-4o-mini/gsm8k/test-17/default/0");

    private Samples() {
    }

    static PromptTask task() {
        return new PromptTask(1, TASK_ID, Purpose.EVAL, "Question: 2+2?\nAnswer:", Extraction.NUMERIC, "4",
                Category.MATH, SETTINGS, SettingsHash.of(SETTINGS, Extraction.NUMERIC, "default"));
    }

    static Completion completion() {
        return new Completion(1, task(), CompletionStatus.OK, "2 plus 2 is 4. The answer is 4.", null, "openai", false,
                812, 1, new TokenUsage(9, 12), T);
    }

    static Completion failedCompletion() {
        return new Completion(1, task(), CompletionStatus.ERROR, null,
                new ModelError(ErrorKind.RATE_LIMITED, "HTTP 429 after 3 attempts"), "openai", false, 30_000, 3,
                null, T);
    }

    static Grade grade() {
        return new Grade(1, TASK_ID, Verdict.CORRECT, 1.0, "4", "4", Category.MATH, "numeric@1",
                task().settingsHash(), 812, false, null, T);
    }

    static RunSpec runSpec() {
        return new RunSpec("run-42", List.of("gpt-4o-mini", "sim-strong"),
                List.of(new BenchmarkSelection("gsm8k", 100), new BenchmarkSelection("mmlu", null)), SETTINGS, 1);
    }

    static RunManifest manifest() {
        return new RunManifest(1, runSpec(), List.of(
                new ExpectedCount("gpt-4o-mini", "gsm8k", Category.MATH, 100),
                new ExpectedCount("gpt-4o-mini", "mmlu", Category.KNOWLEDGE, 14042),
                new ExpectedCount("sim-strong", "gsm8k", Category.MATH, 100),
                new ExpectedCount("sim-strong", "mmlu", Category.KNOWLEDGE, 14042)), T);
    }

    static BenchmarkScore score() {
        return new BenchmarkScore(1, "run-42", "gpt-4o-mini", "gsm8k", Category.MATH, 50, 40, 8, 1, 1, 100, 0.8,
                0.6696, 0.8876, 0.5, T);
    }
}
