package io.evalstream.contracts;

/**
 * Where a task's item belongs and what its prompt was rendered with.
 *
 * @param category     capability category of the benchmark
 * @param subset       the part of the benchmark the item belongs to (an MMLU subject); null for none
 * @param settings     the settings the prompt was rendered with and the model must sample with
 * @param settingsHash {@link SettingsHash} of settings, extraction, metric, variant, template and judging
 * @param judging      who judges the answer on which rubric; present exactly when the metric is {@code RUBRIC}
 */
public record TaskSetup(Category category, Subset subset, Settings settings, String settingsHash, Judging judging) {

    /** A task of no subset, not judged on a rubric. */
    public static TaskSetup of(Category category, Settings settings, String settingsHash) {
        return new TaskSetup(category, null, settings, settingsHash, null);
    }
}
