package io.evalstream.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fixed, realistic instance of every wire record, shared by the golden and schema tests. */
final class Samples {

    static final Instant T = Instant.parse("2026-11-21T12:00:00Z");
    static final Settings SETTINGS = Settings.of(5, true, 0.0, 1.0, 512, 1234L, List.of("Question:"));
    static final TaskId TASK_ID = TaskId.parse("run-42/gpt-4o-mini/gsm8k/test-17/default/0");

    private Samples() {
    }

    static PromptTask task() {
        return PromptTask.of(TASK_ID, Purpose.EVAL, "Question: 2+2?\nAnswer:", AnswerKey.of(Extraction.NUMERIC, "4"),
                TaskSetup.of(Category.MATH, SETTINGS, hash(Extraction.NUMERIC, Metric.NUMERIC_EQUAL)));
    }

    /** A HumanEval-style task: code extraction, graded by running the tests. */
    static PromptTask codeTask() {
        return PromptTask.of(TaskId.parse("run-42/gpt-4o-mini/humaneval/HumanEval-0/default/3"), Purpose.EVAL,
                "def add(a, b):\n    \"\"\"Return a + b.\"\"\"\n", AnswerKey.of(Extraction.CODE, Metric.CODE_EXECUTION,
                "    return a + b\n", List.of(), new CodeCheck("def add(a, b):\n    \"\"\"Return a + b.\"\"\"\n",
                "def check(candidate):\n    assert candidate(2, 3) == 5\n", "add")), TaskSetup.of(Category.CODING,
                SETTINGS, hash(Extraction.CODE, Metric.CODE_EXECUTION)));
    }

    /** An MMLU-style task in a subset, with an alias. */
    static PromptTask subsetTask() {
        return PromptTask.of(TaskId.parse("run-42/gpt-4o-mini/triviaqa/tqa-3/terse/0"), Purpose.EVAL,
                "Q: Which planet is known as the Red Planet?\nA:", AnswerKey.of(Extraction.ANSWER_LINE,
                Metric.ALIAS_MATCH, "Mars", List.of("planet Mars", "Mars (planet)"), null),
                new TaskSetup(Category.KNOWLEDGE, new Subset("astronomy", "stem"), SETTINGS,
                hash(Extraction.ANSWER_LINE, Metric.ALIAS_MATCH), null));
    }

    static final Judging JUDGING = new Judging("tinystories", "judge-model");

    /** A story to continue, judged by a judge model on the TinyStories rubric. */
    static PromptTask storyTask() {
        String beginning = "Once upon a time, there was a little dog named Max. One day, Max";
        Settings settings = Settings.of(0, false, 0.0, 1.0, 128, 0L, List.of());
        return PromptTask.of(TaskId.parse("run-42/stories260K/stories/s01/default/0"), Purpose.EVAL, beginning,
                AnswerKey.of(Extraction.TEXT, Metric.RUBRIC, beginning, List.of(), null),
                new TaskSetup(Category.WRITING, null, settings, SettingsHash.of(settings, Extraction.TEXT,
                Metric.RUBRIC, "default", "tmpl-0123", JUDGING), JUDGING));
    }

    static Completion storyCompletion() {
        return Completion.of(storyTask(), Answer.ok(" found a big red ball in the park."),
                new ModelCall("gguf", false, 240, 1, new TokenUsage(17, 12), T, 31L));
    }

    /** The task asking the judge model to judge {@link #storyCompletion()}. */
    static PromptTask judgeTask() {
        return PromptTask.judgeTask(storyCompletion(), "judge-model", "Grade the student's completion...", 256);
    }

    static Grade judgedGrade() {
        Judgement judgement = new Judgement("judge-model", "tinystories",
                java.util.Map.of("grammar", 8.0, "creativity", 6.0, "consistency", 7.0),
                java.util.Map.of("age_group", "B: 4-5"), java.util.Map.of());
        return Grade.of(storyTask().taskId(), new Marking(Verdict.JUDGED, judgement.normalizedScore(),
                        " found a big red ball in the park.", storyTask().reference()),
                new GradeContext(Category.WRITING, null, "text/rubric:tinystories:judge-model@1",
                        storyTask().settingsHash(), T), CallFacts.of(240, false),
                Evidence.judged(judgement));
    }

    static String hash(Extraction extraction, Metric metric) {
        return SettingsHash.of(SETTINGS, extraction, metric, "default", "tmpl-0123");
    }

    /** A story ending chosen by likelihood: the choices are scored after the prompt, the reference is an index. */
    static PromptTask choiceTask() {
        Settings settings = Settings.defaults();
        return PromptTask.multipleChoice(TaskId.parse("run-42/stories260K/story-endings/e007/default/0"),
                "Tom lost his red kite in the tall tree. He asked his dad for help.",
                AnswerKey.of(Extraction.LIKELIHOOD, Metric.LIKELIHOOD_ACC, "1", List.of(), null),
                TaskSetup.of(Category.COMPREHENSION, settings, SettingsHash.of(settings, Extraction.LIKELIHOOD,
                Metric.LIKELIHOOD_ACC, "default", "tmpl-0123")), List.of(" The fish swam away.",
                " Dad got the kite down and Tom smiled."));
    }

    static Completion choiceCompletion() {
        return new Completion(1, choiceTask(), Answer.ok(" Dad got the kite down and Tom smiled."),
                ModelCall.of("gguf", false, 35, 1, new TokenUsage(19, 0), T),
                List.of(new ContinuationScore(-21.5, 6, false), new ContinuationScore(-14.25, 10, true)), null);
    }

    /** The perplexity of a whole story: one text scored as a corpus part. */
    static Grade measuredGrade() {
        return Grade.of(TaskId.parse("run-42/stories260K/story-text/t012/default/0"),
                new Marking(Verdict.MEASURED, 0.3535533905932738, null, "t012"),
                new GradeContext(Category.WRITING, null, "likelihood/bits_per_byte@1", "5e2b7c1d0a9f3e44", T),
                CallFacts.of(12, false), Evidence.measured(new LikelihoodScore(null, -41.588830833596716, 40, 11)));
    }

    static Completion completion() {
        return Completion.of(task(), Answer.ok("2 plus 2 is 4. The answer is 4."),
                ModelCall.of("openai", false, 812, 1, new TokenUsage(9, 12), T));
    }

    static Completion failedCompletion() {
        return Completion.of(task(), Answer.failed(new ModelError(ErrorKind.RATE_LIMITED,
                "HTTP 429 after 3 attempts")), ModelCall.of("openai", false, 30_000, 3, null, T));
    }

    static Grade grade() {
        return new Grade(1, TASK_ID, new Marking(Verdict.CORRECT, 1.0, "4", "4"),
                new GradeContext(Category.MATH, new Subset("algebra", "stem"), "numeric/numeric_equal@1",
                        task().settingsHash(), T),
                new CallFacts(812, false, new TokenUsage(42, 9), null), Evidence.NONE,
                Exchange.copied(task().prompt(), "2 + 2 = 4. The answer is 4."), ScorerVerdicts.NONE);
    }

    static RunSpec runSpec() {
        return new RunSpec("run-42", List.of("gpt-4o-mini", "sim-strong"),
                List.of(new BenchmarkSelection("gsm8k", 100), new BenchmarkSelection("mmlu", null, List.of("default", "terse"),
                        new SettingsOverrides(0, null, null, null, null, null, null))),
                new SettingsOverrides(5, true, null, null, 512, null, null), 1)
                .withModelInfo(java.util.Map.of("sim-strong", new ModelInfo("sim", 7.0e9, 1.2e23)));
    }

    static RunSpec stoppingRunSpec() {
        return new RunSpec("run-43", List.of("sim-a", "sim-b"), List.of(new BenchmarkSelection("gsm8k", 500)),
                SettingsOverrides.NONE, 1).withStop(stopRule());
    }

    static StopRule stopRule() {
        return new StopRule(List.of("sim-a", "sim-b"), StopRule.When.EITHER, 0.05, 0.05);
    }

    static StopDecision stopDecision() {
        return new StopDecision(1, "run-43", "gsm8k", StopDecision.Outcome.B_BETTER, stopRule(),
                "anytime-valid paired sign test", 212, T);
    }

    static RunManifest manifest() {
        return new RunManifest(1, runSpec(), List.of(
                new ExpectedCount("gpt-4o-mini", "gsm8k", Category.MATH, 100),
                new ExpectedCount("gpt-4o-mini", "mmlu", Category.KNOWLEDGE, 14042),
                new ExpectedCount("sim-strong", "gsm8k", Category.MATH, 100),
                new ExpectedCount("sim-strong", "mmlu", Category.KNOWLEDGE, 14042)), List.of(
                new BenchmarkSettings("gsm8k", "default", SETTINGS, Extraction.NUMERIC, Metric.NUMERIC_EQUAL,
                        hash(Extraction.NUMERIC, Metric.NUMERIC_EQUAL)),
                new BenchmarkSettings("mmlu", "default", SETTINGS.withShots(0), Extraction.MULTIPLE_CHOICE,
                        Metric.EXACT_MATCH, hash(Extraction.MULTIPLE_CHOICE, Metric.EXACT_MATCH))), T);
    }

    /** A manifest with a benchmark that declares clusters (several DROP questions on one passage). */
    static RunManifest clusteredManifest() {
        RunManifest manifest = manifest();
        return new RunManifest(1, manifest.spec(), manifest.expected(), manifest.benchmarkSettings(),
                manifest.submittedAt(), List.of(new BenchmarkClusters("drop", Map.of("drop-sample-1",
                        "Gulls-vs.-Foxes", "drop-sample-2", "Gulls-vs.-Foxes", "drop-sample-5", "Library"))));
    }

    static BenchmarkScore score() {
        return new BenchmarkScore(1, new CellId("run-42", "gpt-4o-mini", "gsm8k", Category.MATH),
                new VerdictCounts(40, 8, 1, 1, 0),
                new ScoreEstimates(Estimate.proportion(0.8, 0.6696, 0.8876), Estimate.mean(0.81, 0.0556)),
                new Progress(50, 100, 0.5, 42.5, T.minusSeconds(40)), T,
                new CallStats(new LatencySummary(49, 780.0, 1510.0, 2890.0), new TokenUsage(21_000, 4_100), null,
                        Map.of(ErrorKind.TIMEOUT, 1L),
                        Map.of(ErrorKind.TIMEOUT, "openai backend failed: HttpTimeoutException: request timed out")),
                new ScoreDetail(List.of(), new AnytimeInterval(0.6012, 0.9297), null, null));
    }
}
