package io.evalstream.reports;

import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.BenchmarkSettings;
import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.Judgement;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.Marking;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.VerdictCounts;
import io.evalstream.contracts.WireFormat;
import io.evalstream.reports.scoring.CellLabels;
import io.evalstream.reports.scoring.ScoreSums;
import io.evalstream.reports.scoring.Tally;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic grades and manifests for tests. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    public static final String HASH = "1b105633790b6540";
    public static final Settings SETTINGS = Settings.of(5, true, 0.0, 1.0, 512, 1234L, List.of("Question:"));
    private static final WireFormat<Grade> GRADES = WireFormat.of(Grade.class);
    private static final WireFormat<RunManifest> MANIFESTS = WireFormat.of(RunManifest.class);

    private Fixtures() {
    }

    /** Task {@code item} (sample 0, default variant) of {@code model} on gsm8k or mmlu. */
    public static TaskId task(String runId, String model, String benchmark, int item) {
        return task(runId, model, benchmark, item, 0);
    }

    /** Sample {@code sample} of task {@code item} (default variant). */
    public static TaskId task(String runId, String model, String benchmark, int item, int sample) {
        return new TaskId(runId, model, benchmark, "item-" + item, "default", sample);
    }

    /** An all-or-nothing grade: score 1 when CORRECT, else 0. */
    public static Grade grade(TaskId task, Verdict verdict) {
        return grade(task, verdict, verdict == Verdict.CORRECT ? 1.0 : 0.0, null);
    }

    public static Grade grade(TaskId task, Verdict verdict, double score, Subset subset) {
        Category category = task.benchmarkId().equals("mmlu") ? Category.KNOWLEDGE : Category.MATH;
        return Grade.of(task, new Marking(verdict, score,
                verdict == Verdict.NO_ANSWER || verdict == Verdict.ERROR ? null : "42", "42"),
                new GradeContext(category, subset, "numeric@1", HASH, T0), CallFacts.of(812, true),
                verdict == Verdict.ERROR ? Evidence.error(ErrorKind.TIMEOUT, null) : Evidence.NONE);
    }

    /**
     * A story judged on the TinyStories rubric by the automatic judge.
     *
     * @param scores grammar, creativity and consistency on the 1-10 scale
     */
    public static Grade judged(TaskId task, double grammar, double creativity, double consistency, String ageGroup) {
        Judgement judgement = new Judgement("auto", "tinystories",
                Map.of("grammar", grammar, "creativity", creativity, "consistency", consistency),
                Map.of("age_group", ageGroup), Map.of("grammar_errors_per_100_words", 1.5));
        return Grade.of(task, new Marking(Verdict.JUDGED, judgement.normalizedScore(),
                "Once upon a time there was a cat.", "Once upon a time"), writing("text/rubric@1"),
                CallFacts.of(640, true), Evidence.judged(judgement));
    }

    /** A story whose judge failed: an ERROR with the reason in words. */
    public static Grade judgeFailed(TaskId task) {
        return Grade.of(task, Marking.error("Once upon a time"), writing("text/rubric@1"), CallFacts.of(640, true),
                Evidence.error(ErrorKind.TIMEOUT, "the judge timed out"));
    }

    /** A code answer the grader could not run: an ERROR of its own kind with the reason in words. */
    public static Grade ungradable(TaskId task, String reason) {
        return Grade.of(task, Marking.error("42"),
                new GradeContext(Category.CODING, null, "code/code_execution@1", HASH, T0), CallFacts.of(812, true),
                Evidence.error(ErrorKind.UNGRADABLE, reason));
    }

    /** A grade of a WRITING item by {@code grader}, at {@link #T0}. */
    public static GradeContext writing(String grader) {
        return new GradeContext(Category.WRITING, null, grader, HASH, T0);
    }

    public static byte[] bytes(Grade grade) {
        return GRADES.encode(grade);
    }

    /** A manifest expecting {@code tasks} tasks of every model on every benchmark, one sample per item. */
    public static RunManifest manifest(String runId, List<String> models, List<String> benchmarks, long tasks) {
        return manifest(runId, models, benchmarks, tasks, 1);
    }

    /** A manifest expecting {@code tasks} tasks (items × samples) of every model on every benchmark. */
    public static RunManifest manifest(String runId, List<String> models, List<String> benchmarks, long tasks,
            int samplesPerItem) {
        RunSpec spec = new RunSpec(runId, models, benchmarks.stream().map(id -> new BenchmarkSelection(id, null)).toList(),
                SettingsOverrides.of(SETTINGS), samplesPerItem);
        List<ExpectedCount> expected = models.stream().flatMap(model -> benchmarks.stream().map(benchmark ->
                new ExpectedCount(model, benchmark, category(benchmark), tasks))).toList();
        return new RunManifest(1, spec, expected, benchmarkSettings(benchmarks), T0);
    }

    /** What the producer records for each benchmark's default variant. */
    public static List<BenchmarkSettings> benchmarkSettings(List<String> benchmarks) {
        return benchmarkSettings(benchmarks, List.of("default"));
    }

    /** What the producer records for each of {@code variants} of each benchmark (the same settings hash). */
    public static List<BenchmarkSettings> benchmarkSettings(List<String> benchmarks, List<String> variants) {
        return benchmarks.stream().flatMap(id -> variants.stream().map(variant -> {
            Extraction extraction = switch (id) {
                case "mmlu" -> Extraction.MULTIPLE_CHOICE;
                case "stories" -> Extraction.TEXT;
                default -> Extraction.NUMERIC;
            };
            return new BenchmarkSettings(id, variant, SETTINGS, extraction.name(), extraction.defaultMetric().name(),
                    HASH, extraction == Extraction.TEXT ? new Judging("tinystories", Judging.AUTO) : null);
        })).toList();
    }

    /** A tally of all-or-nothing grades (score 1 for each correct one, 0 otherwise). */
    public static Tally tally(long correct, long incorrect, long noAnswer, long errors, Category category,
            String hash) {
        return Tally.ofCounts(new VerdictCounts(correct, incorrect, noAnswer, errors, 0),
                new ScoreSums(correct, correct), new CellLabels(category, hash));
    }

    private static Category category(String benchmark) {
        return switch (benchmark) {
            case "mmlu" -> Category.KNOWLEDGE;
            case "stories" -> Category.WRITING;
            default -> Category.MATH;
        };
    }

    public static byte[] bytes(RunManifest manifest) {
        return MANIFESTS.encode(manifest);
    }
}
