package io.evalstream.grader;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.ModelError;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.SchemaVersion;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.SettingsHash;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TokenUsage;
import java.time.Instant;

/** Realistic tasks and completions for tests. */
public final class Fixtures {

    public static final Instant COMPLETED_AT = Instant.parse("2025-03-01T12:00:00Z");

    private Fixtures() {
    }

    public static PromptTask task(String runId, String itemId, Extraction extraction, String reference) {
        Settings settings = Settings.defaults().withShots(extraction == Extraction.NUMERIC ? 8 : 5);
        String variant = "default";
        TaskId taskId = new TaskId(runId, "llama-3-8b", extraction == Extraction.NUMERIC ? "gsm8k" : "mmlu", itemId,
                variant, 0);
        return new PromptTask(SchemaVersion.CURRENT, taskId, Purpose.EVAL, "Question: ...\nAnswer:", extraction,
                reference, extraction == Extraction.NUMERIC ? Category.MATH : Category.KNOWLEDGE, settings,
                SettingsHash.of(settings, extraction, variant));
    }

    public static Completion ok(PromptTask task, String text) {
        return new Completion(SchemaVersion.CURRENT, task, CompletionStatus.OK, text, null, "sim", true, 420, 1,
                new TokenUsage(180, 42), COMPLETED_AT);
    }

    public static Completion failed(PromptTask task, ErrorKind kind) {
        return new Completion(SchemaVersion.CURRENT, task, CompletionStatus.ERROR, null,
                new ModelError(kind, "no answer after 3 attempts"), "openai", false, 30_000, 3, TokenUsage.NONE,
                COMPLETED_AT);
    }
}
