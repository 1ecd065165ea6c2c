package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * One rendered prompt for one model, one sample (tasks topic, key = taskId). Its JSON is one flat object: the values
 * are unwrapped on write, and a read goes through {@link Wire}, a plain record of the flat fields, because Jackson
 * buffers every token of a record that unwraps on read (decoding a Grade so took half as long again); see the
 * module README.
 *
 * @param prompt  the full prompt text, few-shot exemplars included
 * @param key     how the answer is graded and against what
 * @param setup   where the item belongs and what it was rendered with
 * @param subject for a judge task (purpose JUDGE) the completion being judged, so the judge's completion
 *                carries all the grader needs to grade the subject; null for an EVAL task
 * @param choices the continuations a multiple-choice task scores by likelihood; null for any other
 * @param scorers every scorer of the task's benchmark, the headline first (its extraction and metric are the
 *                task's own); null when the task has only the one scorer {@link Scorer#DEFAULT} of its
 *                extraction and metric, see {@link #scorerList()}
 */
public record PromptTask(int schemaVersion, TaskId taskId, Purpose purpose, String prompt,
        @JsonUnwrapped AnswerKey key, @JsonUnwrapped TaskSetup setup, Completion subject, List<String> choices,
        List<Scorer> scorers) {

    /** The most choices a multiple-choice task may have. */
    public static final int MAX_CHOICES = 26;

    public PromptTask {
        Require.supportedVersion(schemaVersion);
        Require.present(taskId, "taskId");
        Require.present(purpose, "purpose");
        Require.nonBlank(prompt, "prompt");
        Require.present(key, "key");
        Require.present(setup, "setup");
        String extraction = GradingNames.extraction(key.extraction(), "extraction");
        String metric = key.metric() == null ? defaultMetric(extraction) : GradingNames.metric(key.metric(), "metric");
        Require.nonBlank(key.reference(), "reference");
        List<String> aliases = key.aliases() == null ? List.of() : List.copyOf(key.aliases());
        for (int i = 0; i < aliases.size(); i++) {
            Require.nonBlank(aliases.get(i), "aliases[" + i + "]");
        }
        boolean byExecution = Metric.CODE_EXECUTION.name().equals(metric);
        if (byExecution != (key.code() != null)) {
            throw new InvalidRecordException("field 'code' must be given exactly when 'metric' is CODE_EXECUTION"
                    + " (metric is " + metric + ", code is " + (key.code() == null ? "missing" : "present") + ")");
        }
        if (Extraction.CODE.name().equals(extraction) != byExecution) {
            throw new InvalidRecordException("extraction CODE goes with metric CODE_EXECUTION and only with it"
                    + " (extraction is " + extraction + ", metric is " + metric + ")");
        }
        key = new AnswerKey(extraction, metric, key.reference(), aliases, key.code());
        Require.present(setup.category(), "category");
        Require.present(setup.settings(), "settings");
        Require.nonBlank(setup.settingsHash(), "settingsHash");
        if (Metric.RUBRIC.name().equals(metric) != (setup.judging() != null)) {
            throw new InvalidRecordException("field 'judging' must be given exactly when 'metric' is RUBRIC"
                    + " (metric is " + metric + ", judging is " + (setup.judging() == null ? "missing" : "present")
                    + ")");
        }
        if ((purpose == Purpose.JUDGE) != (subject != null)) {
            throw new InvalidRecordException("field 'subject' (the completion to judge) must be given exactly when"
                    + " 'purpose' is JUDGE (purpose is " + purpose + ")");
        }
        choices = choices == null || choices.isEmpty() ? null : List.copyOf(choices);
        checkLikelihood(extraction, metric, key.reference(), choices);
        if (subject != null && subject.task().purpose() != Purpose.EVAL) {
            throw new InvalidRecordException("field 'subject' must be the completion of an EVAL task: a judge's"
                    + " answer is not judged again");
        }
        scorers = headlineFirst(scorers, Scorer.single(extraction, metric));
    }

    /** The flat JSON object as written, field for field: read as plain properties, which is fast. */
    private record Wire(int schemaVersion, TaskId taskId, Purpose purpose, String prompt, String extraction,
            String metric, String reference, List<String> aliases, CodeCheck code, Category category, Subset subset,
            Settings settings, String settingsHash, Judging judging, Completion subject, List<String> choices,
            List<Scorer> scorers) {
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    private static PromptTask read(Wire wire) {
        return new PromptTask(wire.schemaVersion(), wire.taskId(), wire.purpose(), wire.prompt(),
                new AnswerKey(wire.extraction(), wire.metric(), wire.reference(), wire.aliases(), wire.code()),
                new TaskSetup(wire.category(), wire.subset(), wire.settings(), wire.settingsHash(), wire.judging()),
                wire.subject(), wire.choices(), wire.scorers());
    }

    /** An EVAL or JUDGE task with no subject, not multiple choice, graded by its one headline scorer. */
    public static PromptTask of(TaskId taskId, Purpose purpose, String prompt, AnswerKey key, TaskSetup setup) {
        return new PromptTask(SchemaVersion.CURRENT, taskId, purpose, prompt, key, setup, null, null, null);
    }

    /** An EVAL task that scores {@code choices} by likelihood; its reference is the right one's 0-based index. */
    public static PromptTask multipleChoice(TaskId taskId, String prompt, AnswerKey key, TaskSetup setup,
            List<String> choices) {
        return new PromptTask(SchemaVersion.CURRENT, taskId, Purpose.EVAL, prompt, key, setup, null, choices, null);
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
        AnswerKey key = new AnswerKey(Extraction.TEXT.name(), Metric.RUBRIC.name(), judged.reference(), List.of(),
                null);
        TaskSetup setup = new TaskSetup(judged.category(), judged.subset(), greedy, judged.settingsHash(),
                judged.judging());
        return new PromptTask(SchemaVersion.CURRENT, judged.taskId().judgedBy(judgeModel), Purpose.JUDGE,
                judgePrompt, key, setup, subject, null, null);
    }

    /** Every scorer of the task, the headline first: its own list, or the one {@link Scorer#DEFAULT}. */
    public List<Scorer> scorerList() {
        return scorers == null ? List.of(Scorer.single(key.extraction(), key.metric())) : scorers;
    }

    /** This task graded by other scorers (a regrade with the current definition); the headline must not change. */
    public PromptTask withScorers(List<Scorer> replacement) {
        return new PromptTask(schemaVersion, taskId, purpose, prompt, key, setup, subject, choices, replacement);
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

    public String extraction() {
        return key.extraction();
    }

    public String metric() {
        return key.metric();
    }

    public String reference() {
        return key.reference();
    }

    public List<String> aliases() {
        return key.aliases();
    }

    public CodeCheck code() {
        return key.code();
    }

    public Category category() {
        return setup.category();
    }

    public Subset subset() {
        return setup.subset();
    }

    public Settings settings() {
        return setup.settings();
    }

    public String settingsHash() {
        return setup.settingsHash();
    }

    public Judging judging() {
        return setup.judging();
    }

    /** What the model is asked to do: generate, or score choices or a text by likelihood. */
    public TaskKind kind() {
        return TaskKind.of(metric());
    }

    /** True when the answer is a program, graded by running it against the task's tests. */
    public boolean byExecution() {
        return Metric.CODE_EXECUTION.name().equals(metric());
    }

    /** True when a judge scores the answer on a rubric. */
    public boolean byRubric() {
        return Metric.RUBRIC.name().equals(metric());
    }

    /** True when the backend scores continuations by log-probability instead of generating an answer. */
    public boolean byLikelihood() {
        return GradingNames.byLikelihood(metric());
    }

    /**
     * The built-in extraction whose answer form this task's answers take (what a simulated model writes): its own
     * when built in; for an added one the form its metric reads (numbers as GSM8K states them, LaTeX as MATH
     * boxes it, else a stated answer line).
     */
    public Extraction answerForm() {
        return GradingNames.builtIn(Extraction.class, extraction()).orElseGet(() ->
                switch (GradingNames.builtIn(Metric.class, metric()).orElse(Metric.EXACT_MATCH)) {
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
        return Integer.parseInt(reference().strip());
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
        if (key.aliases().isEmpty()) {
            return List.of(key.reference());
        }
        var all = new java.util.ArrayList<String>(key.aliases().size() + 1);
        all.add(key.reference());
        all.addAll(key.aliases());
        return List.copyOf(all);
    }
}
