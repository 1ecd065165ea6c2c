package io.evalstream.contracts;

/**
 * One rendered prompt for one model, one sample (tasks topic, key = taskId).
 *
 * @param prompt       the full prompt text, few-shot exemplars included
 * @param extraction   how the grader extracts the answer
 * @param reference    the correct answer in canonical form (a number, an option letter)
 * @param category     capability category of the benchmark
 * @param settings     the settings the prompt was rendered with and the model must sample with
 * @param settingsHash {@link SettingsHash} of settings, extraction and variant
 */
public record PromptTask(int schemaVersion, TaskId taskId, Purpose purpose, String prompt, Extraction extraction,
        String reference, Category category, Settings settings, String settingsHash) {

    public PromptTask {
        Require.supportedVersion(schemaVersion);
        Require.present(taskId, "taskId");
        Require.present(purpose, "purpose");
        Require.nonBlank(prompt, "prompt");
        Require.present(extraction, "extraction");
        Require.nonBlank(reference, "reference");
        Require.present(category, "category");
        Require.present(settings, "settings");
        Require.nonBlank(settingsHash, "settingsHash");
    }
}
