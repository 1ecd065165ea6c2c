package io.evalstream.contracts;

import java.util.List;

/**
 * One rendered prompt for one model, one sample (tasks topic, key = taskId).
 *
 * @param prompt       the full prompt text, few-shot exemplars included
 * @param extraction   how the grader extracts the answer: a registered extraction name, spelled as
 *                     {@link GradingNames} says ({@code NUMERIC}, {@code last_number})
 * @param metric       how the grader scores it, a registered metric name; omitted, a built-in extraction's
 *                     {@link Extraction#defaultMetric()}
 * @param reference    the correct answer in canonical form (a number, an option letter, LaTeX, a reference solution)
 * @param aliases      further answers that count as correct (TriviaQA aliases, DROP's other spans); may be empty
 * @param code         how to run a code completion; present exactly when the metric is {@code CODE_EXECUTION}
 * @param category     capability category of the benchmark
 * @param subset       the part of the benchmark the item belongs to (an MMLU subject); null for none
 * @param settings     the settings the prompt was rendered with and the model must sample with
 * @param settingsHash {@link SettingsHash} of settings, extraction, metric, variant, template and judging
 * @param judging      who judges the answer on which rubric; present exactly when the metric is {@code RUBRIC}
 * @param subject      for a judge task (purpose JUDGE) the completion being judged, so the judge's completion
 *                     carries all the grader needs to grade the subject; null for an EVAL task
 * @param scorers      every scorer of the task's benchmark, the headline first (its extraction and metric are the
 *                     task's own); null when the task has only the one scorer {@link Scorer#DEFAULT} of its
 *                     extraction and metric, see {@link #scorerList()}
 */
public record PromptTask(int schemaVersion, TaskId taskId, Purpose purpose, String prompt, String extraction,
        String metric, String reference, List<String> aliases, CodeCheck code, Category category, Subset subset,
        Settings settings, String settingsHash, Judging judging, Completion subject, List<String> choices,
        List<Scorer> scorers) {

    /** The most choices a multiple-choice task may have. */
    public static final int MAX_CHOICES = 26;

    public PromptTask {
        Require.supportedVersion(schemaVersion);
        Require.present(taskId, "taskId");
        Require.present(purpose, "purpose");
        Require.nonBlank(prompt, "prompt");
        extraction = GradingNames.extraction(extraction, "extraction");
        metric = metric == null ? defaultMetric(extraction) : GradingNames.metric(metric, "metric");
        Require.nonBlank(reference, "reference");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        for (int i = 0; i < aliases.size(); i++) {
            Require.nonBlank(aliases.get(i), "aliases[" + i + "]");
        }
        boolean byExecution = Metric.CODE_EXECUTION.name().equals(metric);
        if (byExecution != (code != null)) {
            throw new InvalidRecordException("field 'code' must be given exactly when 'metric' is CODE_EXECUTION"
                    + " (metric is " + metric + ", code is " + (code == null ? "missing" : "present") + ")");
        }
        if (Extraction.CODE.name().equals(extraction) != byExecution) {
            throw new InvalidRecordException("extraction CODE goes with metric CODE_EXECUTION and only with it"
                    + " (extraction is " + extraction + ", metric is " + metric + ")");
        }
        Require.present(category, "category");
        Require.present(settings, "settings");
        Require.nonBlank(settingsHash, "settingsHash");
        if (Metric.RUBRIC.name().equals(metric) != (judging != null)) {
            throw new InvalidRecordException("field 'judging' must be given exactly when 'metric' is RUBRIC"
                    + " (metric is " + metric + ", judging is " + (judging == null ? "missing" : "present") + ")");
        }
        if ((purpose == Purpose.JUDGE) != (subject != null)) {
            throw new InvalidRecordException("field 'subject' (the completion to judge) must be given exactly when"
                    + " 'purpose' is JUDGE (purpose is " + purpose + ")");
        }
        choices = choices == null || choices.isEmpty() ? null : List.copyOf(choices);
        checkLikelihood(extraction, metric, reference, choices);
        if (subject != null && subject.task().purpose() != Purpose.EVAL) {
            throw new InvalidRecordException("field 'subject' must be the completion of an EVAL task: a judge's"
                    + " answer is not judged again");
        }
        scorers = headlineFirst(scorers, Scorer.single(extraction, metric));
    }

    /** A task graded by built-in names that lists no scorers of its own. */
    public PromptTask(int schemaVersion, TaskId taskId, Purpose purpose, String prompt, Extraction extraction,
            Metric metric, String reference, List<String> aliases, CodeCheck code, Category category, Subset subset,
            Settings settings, String settingsHash, Judging judging, Completion subject, List<String> choices) {
        this(schemaVersion, taskId, purpose, prompt, extraction.name(), metric == null ? null : metric.name(),
                reference, aliases, code, category, subset, settings, settingsHash, judging, subject, choices, null);
    }

    /** A task graded by built-in names that is not multiple choice by likelihood. */
    public PromptTask(int schemaVersion, TaskId taskId, Purpose purpose, String prompt, Extraction extraction,
            Metric metric, String reference, List<String> aliases, CodeCheck code, Category category, Subset subset,
            Settings settings, String settingsHash, Judging judging, Completion subject) {
        this(schemaVersion, taskId, purpose, prompt, extraction, metric, reference, aliases, code, category, subset,
                settings, settingsHash, judging, subject, null);
    }

    /** A task graded by built-in names without a judge. */
    public PromptTask(int schemaVersion, TaskId taskId, Purpose purpose, String prompt, Extraction extraction,
            Metric metric, String reference, List<String> aliases, CodeCheck code, Category category, Subset subset,
            Settings settings, String settingsHash) {
        this(schemaVersion, taskId, purpose, prompt, extraction, metric, reference, aliases, code, category, subset,
                settings, settingsHash, null, null);
    }

    /** A task graded by a built-in extraction's default metric against one reference, with no subset. */
    public PromptTask(int schemaVersion, TaskId taskId, Purpose purpose, String prompt, Extraction extraction,
            String reference, Category category, Settings settings, String settingsHash) {
        this(schemaVersion, taskId, purpose, prompt, extraction, null, reference, List.of(), null, category, null,
                settings, settingsHash);
    }

    /**
     * The task asking {@code judgeModel} to judge {@code subject} (an OK completion of a task judged on a rubric):
     * greedy, with the subject's item, category, subset, judging and settings hash, so the judge's completion
     * carries everything needed to grade the subject.
     */
    public static PromptTask judgeTask(Completion subject, String judgeModel, String judgePrompt, int maxTokens) {
        PromptTask judged = subject.task();
        if (judged.judging() == null) {
            throw new IllegalArgumentException("task " + judged.taskId() + " is not judged on a rubric");
        }
        Settings greedy = Settings.of(0, false, 0.0, 1.0, maxTokens, 0L, List.of());
        return new PromptTask(SchemaVersion.CURRENT, judged.taskId().judgedBy(judgeModel), Purpose.JUDGE,
                judgePrompt, Extraction.TEXT.name(), Metric.RUBRIC.name(), judged.reference(), List.of(), null,
                judged.category(), judged.subset(), greedy, judged.settingsHash(), judged.judging(), subject, null,
                null);
    }

    /** Every scorer of the task, the headline first: its own list, or the one {@link Scorer#DEFAULT}. */
    public List<Scorer> scorerList() {
        return scorers == null ? List.of(Scorer.single(extraction, metric)) : scorers;
    }

    /** This task graded by other scorers (a regrade with the current definition); the headline must not change. */
    public PromptTask withScorers(List<Scorer> replacement) {
        return new PromptTask(schemaVersion, taskId, purpose, prompt, extraction, metric, reference, aliases, code,
                category, subset, settings, settingsHash, judging, subject, choices, replacement);
    }

    /** Null for the lone default scorer, so a task written before scorers existed keeps its exact JSON. */
    private static List<Scorer> headlineFirst(List<Scorer> scorers, Scorer single) {
        if (scorers == null || scorers.equals(List.of(single))) {
            return null;
        }
        List<Scorer> checked = Scorer.checked(scorers, "scorers");
        Scorer headline = checked.get(0);
        if (!headline.extraction().equals(single.extraction()) || !headline.metric().equals(single.metric())) {
            throw new InvalidRecordException("field 'scorers[0]' is the headline and must grade by the task's own"
                    + " extraction and metric (" + single.extraction() + "/" + single.metric() + "), got "
                    + headline.extraction() + "/" + headline.metric());
        }
        return checked;
    }

    /** What the model is asked to do: generate, or score choices or a text by likelihood. */
    public TaskKind kind() {
        return TaskKind.of(metric);
    }

    /** True when the answer is a program, graded by running it against the task's tests. */
    public boolean byExecution() {
        return Metric.CODE_EXECUTION.name().equals(metric);
    }

    /** True when a judge scores the answer on a rubric. */
    public boolean byRubric() {
        return Metric.RUBRIC.name().equals(metric);
    }

    /** True when the backend scores continuations by log-probability instead of generating an answer. */
    public boolean byLikelihood() {
        return GradingNames.byLikelihood(metric);
    }

    /**
     * The built-in extraction whose answer form this task's answers take (what a simulated model writes): its own
     * when built in; for an added one the form its metric reads (numbers as GSM8K states them, LaTeX as MATH
     * boxes it, else a stated answer line).
     */
    public Extraction answerForm() {
        return GradingNames.builtIn(Extraction.class, extraction).orElseGet(() ->
                switch (GradingNames.builtIn(Metric.class, metric).orElse(Metric.EXACT_MATCH)) {
                    case NUMERIC_EQUAL -> Extraction.NUMERIC;
                    case MATH_EQUIVALENCE -> Extraction.BOXED;
                    default -> Extraction.ANSWER_LINE;
                });
    }

    /** The choices of a multiple-choice task; empty for any other. */
    public List<String> choicesOrEmpty() {
        return choices == null ? List.of() : choices;
    }

    /** The 0-based index of the right choice of a multiple-choice task. */
    public int referenceChoice() {
        return Integer.parseInt(reference.strip());
    }

    private static String defaultMetric(String extraction) {
        return GradingNames.defaultMetric(extraction).orElseThrow(() -> new InvalidRecordException("field 'metric'"
                + " is required with extraction " + extraction + ": only built-in extractions have a default metric"));
    }

    private static void checkLikelihood(String extraction, String metric, String reference, List<String> choices) {
        if (Extraction.LIKELIHOOD.name().equals(extraction) != GradingNames.byLikelihood(metric)) {
            throw new InvalidRecordException("extraction LIKELIHOOD goes with metrics LIKELIHOOD_ACC and BITS_PER_BYTE"
                    + " and only with them (extraction is " + extraction + ", metric is " + metric + ")");
        }
        if (Metric.LIKELIHOOD_ACC.name().equals(metric) != (choices != null)) {
            throw new InvalidRecordException("field 'choices' must be given exactly when 'metric' is LIKELIHOOD_ACC"
                    + " (metric is " + metric + ", choices are " + (choices == null ? "missing" : "present") + ")");
        }
        if (choices == null) {
            return;
        }
        if (choices.size() < 2 || choices.size() > MAX_CHOICES) {
            throw new InvalidRecordException("field 'choices' must hold 2 to " + MAX_CHOICES + " continuations, got "
                    + choices.size());
        }
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i) == null || choices.get(i).isEmpty()) {
                throw new InvalidRecordException("field 'choices[" + i + "]' must not be empty");
            }
        }
        if (!reference.strip().matches("\\d{1,2}") || Integer.parseInt(reference.strip()) >= choices.size()) {
            throw new InvalidRecordException("field 'reference' of a multiple-choice task must be the 0-based index of"
                    + " the right choice, 0 to " + (choices.size() - 1) + ", got '" + reference + "'");
        }
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
