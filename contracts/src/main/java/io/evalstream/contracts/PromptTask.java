package io.evalstream.contracts;

import java.util.List;

/**
 * One rendered prompt for one model, one sample (tasks topic, key = taskId).
 *
 * @param prompt       the full prompt text, few-shot exemplars included
 * @param extraction   how the grader extracts the answer
 * @param metric       how the grader scores it; omitted, the extraction's {@link Extraction#defaultMetric()}
 * @param reference    the correct answer in canonical form (a number, an option letter, LaTeX, a reference solution)
 * @param aliases      further answers that count as correct (TriviaQA aliases, DROP's other spans); may be empty
 * @param code         how to run a code completion; present exactly when the metric is {@code CODE_EXECUTION}
 * @param category     capability category of the benchmark
 * @param subset       the part of the benchmark the item belongs to (an MMLU subject); null for none
 * @param settings     the settings the prompt was rendered with and the model must sample with
 * @param settingsHash {@link SettingsHash} of settings, extraction, metric, variant and template
 */
public record PromptTask(int schemaVersion, TaskId taskId, Purpose purpose, String prompt, Extraction extraction,
        Metric metric, String reference, List<String> aliases, CodeCheck code, Category category, Subset subset,
        Settings settings, String settingsHash) {

    public PromptTask {
        Require.supportedVersion(schemaVersion);
        Require.present(taskId, "taskId");
        Require.present(purpose, "purpose");
        Require.nonBlank(prompt, "prompt");
        Require.present(extraction, "extraction");
        metric = metric == null ? extraction.defaultMetric() : metric;
        Require.nonBlank(reference, "reference");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        for (int i = 0; i < aliases.size(); i++) {
            Require.nonBlank(aliases.get(i), "aliases[" + i + "]");
        }
        if ((metric == Metric.CODE_EXECUTION) != (code != null)) {
            throw new InvalidRecordException("field 'code' must be given exactly when 'metric' is CODE_EXECUTION"
                    + " (metric is " + metric + ", code is " + (code == null ? "missing" : "present") + ")");
        }
        if ((extraction == Extraction.CODE) != (metric == Metric.CODE_EXECUTION)) {
            throw new InvalidRecordException("extraction CODE goes with metric CODE_EXECUTION and only with it"
                    + " (extraction is " + extraction + ", metric is " + metric + ")");
        }
        Require.present(category, "category");
        Require.present(settings, "settings");
        Require.nonBlank(settingsHash, "settingsHash");
    }

    /** A task graded by its extraction's default metric against one reference, with no subset. */
    public PromptTask(int schemaVersion, TaskId taskId, Purpose purpose, String prompt, Extraction extraction,
            String reference, Category category, Settings settings, String settingsHash) {
        this(schemaVersion, taskId, purpose, prompt, extraction, null, reference, List.of(), null, category, null,
                settings, settingsHash);
    }

    /** The reference followed by its aliases: every answer that counts as correct. */
    public List<String> acceptedAnswers() {
        if (aliases.isEmpty()) {
            return List.of(reference);
        }
        var all = new java.util.ArrayList<String>(aliases.size() + 1);
        all.add(reference);
        all.addAll(aliases);
        return List.copyOf(all);
    }
}
