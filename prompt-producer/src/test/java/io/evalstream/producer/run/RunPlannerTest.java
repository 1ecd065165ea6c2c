package io.evalstream.producer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.benchmarks.Benchmark;
import io.evalstream.benchmarks.Catalog;
import io.evalstream.benchmarks.CatalogConfig;
import io.evalstream.benchmarks.CatalogLoader;
import io.evalstream.benchmarks.Item;
import io.evalstream.benchmarks.Prompter;
import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.BenchmarkSettings;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.CodeCheck;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.TaskId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class RunPlannerTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    private static final Catalog CATALOG = CatalogLoader.load(CatalogConfig.BUILT_IN);
    private static final RunPlanner PLANNER = new RunPlanner(CATALOG);
    private static final SettingsOverrides SAMPLING = new SettingsOverrides(null, null, 0.8, null, null, null, null);

    @Test
    void everyModelGetsEveryItemInEveryVariantForEverySample() {
        RunSpec spec = new RunSpec("run-1", List.of("m1", "m2"), List.of(
                new BenchmarkSelection("gsm8k", 2, List.of("default", "terse"), null),
                new BenchmarkSelection("mmlu", 3)), SAMPLING, 3);

        RunPlan plan = PLANNER.plan(spec, NOW);
        List<PromptTask> tasks = tasks(plan);

        assertThat(plan.taskCount()).isEqualTo(2 * (2 * 2 + 3) * 3);
        assertThat(tasks).hasSize(42);
        assertThat(tasks).extracting(task -> task.taskId().toString()).doesNotHaveDuplicates().startsWith(
                "run-1/m1/gsm8k/0/default/0", "run-1/m1/gsm8k/0/default/1", "run-1/m1/gsm8k/0/default/2",
                "run-1/m2/gsm8k/0/default/0", "run-1/m2/gsm8k/0/default/1", "run-1/m2/gsm8k/0/default/2",
                "run-1/m1/gsm8k/0/terse/0").endsWith("run-1/m2/mmlu/elementary_mathematics-0/default/2");
        assertThat(plan.manifest().expected()).containsExactly(
                new ExpectedCount("m1", "gsm8k", Category.MATH, 12),
                new ExpectedCount("m1", "mmlu", Category.KNOWLEDGE, 9),
                new ExpectedCount("m2", "gsm8k", Category.MATH, 12),
                new ExpectedCount("m2", "mmlu", Category.KNOWLEDGE, 9));
        assertThat(plan.manifest().spec()).isEqualTo(spec);
        assertThat(plan.manifest().submittedAt()).isEqualTo(NOW);
    }

    @Test
    void effectiveSettingsAreDeclaredThenTheSpecsThenTheSelections() {
        RunSpec spec = new RunSpec("run-2", List.of("m"), List.of(new BenchmarkSelection("gsm8k", 1, List.of(),
                new SettingsOverrides(null, false, null, null, 64, null, null))),
                new SettingsOverrides(2, null, null, 0.9, 128, 7L, null), 1);

        PromptTask task = tasks(PLANNER.plan(spec, NOW)).getFirst();

        assertThat(task.settings()).isEqualTo(new Settings(2, false, 0.0, 0.9, 64, 7L,
                List.of("\n\nQuestion:", "\n\nQ:")));
        assertThat(task.prompt()).endsWith("Answer:").contains("Answer: The answer is 9.\n\nQuestion: A pack of gum")
                .doesNotContain("step by step");
    }

    @Test
    void eachTaskCarriesItsPromptAnswersSubsetAndSettingsHash() {
        RunSpec spec = new RunSpec("run-3", List.of("m"), List.of(new BenchmarkSelection("mmlu", 1)), null, 1);
        Benchmark mmlu = CATALOG.find("mmlu").orElseThrow();

        PromptTask task = tasks(PLANNER.plan(spec, NOW)).getFirst();

        assertThat(task.taskId()).isEqualTo(new TaskId("run-3", "m", "mmlu", "astronomy-0", "default", 0));
        assertThat(task.purpose()).isEqualTo(Purpose.EVAL);
        assertThat(task.prompt()).isEqualTo(mmlu.prompter("default", mmlu.settings()).render(mmlu.items().getFirst()))
                .startsWith("The following are multiple choice questions (with answers) about astronomy.")
                .endsWith("Answer:");
        assertThat(task.reference()).isEqualTo("B");
        assertThat(task.extraction()).isEqualTo(Extraction.MULTIPLE_CHOICE.name());
        assertThat(task.metric()).isEqualTo(Metric.EXACT_MATCH.name());
        assertThat(task.category()).isEqualTo(Category.KNOWLEDGE);
        assertThat(task.subset()).isEqualTo(new Subset("astronomy", "stem"));
        assertThat(task.settings()).isEqualTo(mmlu.settings());
        assertThat(task.settingsHash()).isEqualTo(mmlu.settingsHash("default", mmlu.settings()));
    }

    @Test
    void codeAliasAndF1BenchmarksCarryWhatTheirGradersNeed() {
        RunSpec spec = new RunSpec("run-4", List.of("m"), List.of(new BenchmarkSelection("humaneval", 1),
                new BenchmarkSelection("triviaqa", 1), new BenchmarkSelection("drop", 1)), null, 1);

        List<PromptTask> tasks = tasks(PLANNER.plan(spec, NOW));

        assertThat(tasks).extracting(PromptTask::metric).containsExactly(Metric.CODE_EXECUTION.name(),
                Metric.ALIAS_MATCH.name(), Metric.TOKEN_F1.name());
        assertThat(tasks.get(0).code()).extracting(CodeCheck::entryPoint).isEqualTo("running_total");
        assertThat(tasks.get(0).prompt()).isEqualTo(tasks.get(0).code().prefix());
        assertThat(tasks.get(0).taskId().itemId()).isEqualTo("HumanEvalSample-0");
        assertThat(tasks.get(1).acceptedAnswers()).containsExactly("Mercury", "Planet Mercury");
        assertThat(tasks.get(2).acceptedAnswers()).containsExactly("3", "three");
        assertThat(tasks.get(2).category()).isEqualTo(Category.COMPREHENSION);
    }

    @Test
    void theManifestCarriesTheDeclaredClusterOfEveryItemTheRunTakes() {
        RunSpec spec = new RunSpec("run-c", List.of("m"), List.of(new BenchmarkSelection("drop", 5),
                new BenchmarkSelection("gsm8k", 2)), null, 1);
        List<Item> drop = CATALOG.find("drop").orElseThrow().items().subList(0, 5);

        RunManifest manifest = PLANNER.plan(spec, NOW).manifest();

        assertThat(manifest.clusters()).singleElement().satisfies(clusters -> {
            assertThat(clusters.benchmarkId()).isEqualTo("drop");
            assertThat(clusters.items()).containsOnlyKeys(drop.stream().map(Item::id).toList());
            assertThat(clusters.items()).containsEntry("drop-sample-1", "Gulls-vs.-Foxes");
            assertThat(clusters.items().values().stream().distinct().count()).isLessThan(5);
        });
    }

    @Test
    void theManifestRecordsEveryBenchmarkVariantsSettingsAndHash() {
        RunSpec spec = new RunSpec("run-5", List.of("m"), List.of(new BenchmarkSelection("mmlu", null,
                List.of("terse", "default"), null), new BenchmarkSelection("gsm8k", null)), null, 1);
        Benchmark mmlu = CATALOG.find("mmlu").orElseThrow();
        Benchmark gsm8k = CATALOG.find("gsm8k").orElseThrow();

        RunPlan plan = PLANNER.plan(spec, NOW);

        assertThat(plan.manifest().benchmarkSettings()).containsExactly(
                new BenchmarkSettings("mmlu", "terse", mmlu.settings(), Extraction.MULTIPLE_CHOICE, Metric.EXACT_MATCH,
                        mmlu.settingsHash("terse", mmlu.settings())),
                new BenchmarkSettings("mmlu", "default", mmlu.settings(), Extraction.MULTIPLE_CHOICE,
                        Metric.EXACT_MATCH, mmlu.settingsHash("default", mmlu.settings())),
                new BenchmarkSettings("gsm8k", "default", gsm8k.settings(), Extraction.NUMERIC, Metric.NUMERIC_EQUAL,
                        gsm8k.settingsHash("default", gsm8k.settings())));
        assertThat(plan.settingsHashes()).containsExactly(
                Map.entry("mmlu", Map.of("terse", mmlu.settingsHash("terse", mmlu.settings()),
                        "default", mmlu.settingsHash("default", mmlu.settings()))),
                Map.entry("gsm8k", Map.of("default", gsm8k.settingsHash("default", gsm8k.settings()))));
        assertThat(plan.settingsHashes().get("mmlu").get("terse"))
                .isNotEqualTo(plan.settingsHashes().get("mmlu").get("default"));
        assertThat(plan.taskCount()).isEqualTo(50 * 2 + 40);
    }

    @Test
    void storyTasksCarryTheirJudgeAndAJudgeTheSelectionNamesChangesTheHash() {
        RunSpec declared = new RunSpec("run-9", List.of("m"), List.of(new BenchmarkSelection("stories", 2)), null, 1);
        RunSpec judgedByModel = new RunSpec("run-9", List.of("m"), List.of(new BenchmarkSelection("stories", 2,
                List.of(), null, "judge-model")), null, 1);

        RunPlan auto = PLANNER.plan(declared, NOW);
        RunPlan byModel = PLANNER.plan(judgedByModel, NOW);

        PromptTask first = tasks(auto).getFirst();
        assertThat(first.judging()).isEqualTo(new Judging("tinystories", Judging.AUTO));
        assertThat(first.extraction()).isEqualTo(Extraction.TEXT.name());
        assertThat(first.category()).isEqualTo(Category.WRITING);
        assertThat(first.prompt()).isEqualTo(first.reference());
        assertThat(tasks(byModel)).extracting(PromptTask::judging)
                .containsOnly(new Judging("tinystories", "judge-model"));
        assertThat(byModel.manifest().benchmarkSettings()).extracting(BenchmarkSettings::judging)
                .containsExactly(new Judging("tinystories", "judge-model"));
        assertThat(byModel.settingsHashes().get("stories").get("default"))
                .isNotEqualTo(auto.settingsHashes().get("stories").get("default"))
                .isEqualTo(tasks(byModel).getFirst().settingsHash());
    }

    @Test
    void aJudgeForABenchmarkGradedByItsMetricIsRejected() {
        RunSpec spec = new RunSpec("run-10", List.of("m"), List.of(new BenchmarkSelection("gsm8k", 1, List.of(),
                null, "judge-model")), null, 1);

        assertThatThrownBy(() -> PLANNER.plan(spec, NOW))
                .isInstanceOf(RunRejectedException.class)
                .hasMessage("field 'benchmarks[0].judge' names a judge, but benchmark 'gsm8k' is graded by its metric"
                        + " (NUMERIC_EQUAL), not by a judge; remove 'judge'");
    }

    @ParameterizedTest(name = "limit {0} takes {1}")
    @CsvSource(nullValues = "null", textBlock = """
            1,    1
            3,    3
            40,   40
            1000, 40
            null, 40
            """)
    void aLimitTakesAPrefixCappedAtTheBenchmarkSize(Integer limit, int items) {
        RunSpec spec = new RunSpec("run-6", List.of("m"), List.of(new BenchmarkSelection("gsm8k", limit)), null, 1);

        RunPlan plan = PLANNER.plan(spec, NOW);

        assertThat(tasks(plan)).extracting(task -> task.taskId().itemId()).startsWith("0")
                .hasSize(items).doesNotHaveDuplicates();
        assertThat(plan.taskCount()).isEqualTo(items);
    }

    @Test
    void resubmittingTheSameSpecGivesTheSameTaskIdsAndPrompts() {
        RunSpec spec = new RunSpec("run-7", List.of("a", "b"), List.of(new BenchmarkSelection("math", null,
                List.of("default"), null)), SAMPLING, 2);

        Benchmark math = CATALOG.find("math").orElseThrow();
        Prompter prompter = math.prompter("default", math.settings());
        Map<String, String> prompts = math.items().stream().collect(Collectors.toMap(Item::id, prompter::render));
        List<PromptTask> first = tasks(PLANNER.plan(spec, NOW));

        // Two empty (or equally broken) plans are equal too: the first holds every task the spec asks for, from the
        // catalog's own count, each with its item's prompt.
        assertThat(first).hasSize(2 * math.items().size() * 2);
        assertThat(first).allSatisfy(task -> assertThat(task.prompt()).isNotBlank()
                .isEqualTo(prompts.get(task.taskId().itemId())));
        assertThat(first).isEqualTo(tasks(PLANNER.plan(spec, NOW.plusSeconds(60))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown benchmark      | hellaswag | default |      |      | 1 | field 'benchmarks[1].id' names unknown benchmark 'hellaswag'; known benchmarks: drop, gsm8k, humaneval, math, mmlu, stories, story-endings, story-text, triviaqa
            unknown variant        | mmlu      | fancy   |      |      | 1 | field 'benchmarks[1].variants' names unknown variant 'fancy' of benchmark 'mmlu'; its variants: default, terse
            spec asks too many     | mmlu      | default | 6    |      | 1 | field 'settings.shots' is 6 but benchmark 'mmlu' has only 5 few-shot exemplars; ask for at most 5
            selection asks too many| humaneval | default |      | 1    | 1 | field 'benchmarks[1].settings.shots' is 1 but benchmark 'humaneval' has only 0 few-shot exemplars; ask for at most 0
            pass@k without sampling| mmlu      | default |      |      | 5 | field 'samplesPerItem' is 5 but the effective 'settings.temperature' of benchmark 'gsm8k' is 0.0 (greedy), so every sample would be the same answer; pass@k needs sampling: set settings.temperature above 0 (e.g. 0.8) or samplesPerItem to 1
            """)
    void aSpecTheCatalogCannotRunIsRejectedNamingTheField(String what, String benchmark, String variant,
            Integer specShots, Integer selectionShots, int samples, String message) {
        RunSpec spec = new RunSpec("run-8", List.of("m"), List.of(new BenchmarkSelection("gsm8k", null),
                new BenchmarkSelection(benchmark, null, List.of(variant),
                        new SettingsOverrides(selectionShots, null, null, null, null, null, null))),
                new SettingsOverrides(specShots, null, null, null, null, null, null), samples);

        assertThatThrownBy(() -> PLANNER.plan(spec, NOW))
                .isInstanceOf(RunRejectedException.class)
                .hasMessage(message);
    }

    @Test
    void iteratingPastTheEndFailsClearly() {
        var tasks = PLANNER.plan(new RunSpec("run-9", List.of("m"), List.of(new BenchmarkSelection("gsm8k", 1)),
                null, 1), NOW).tasks().iterator();
        tasks.next();

        assertThat(tasks.hasNext()).isFalse();
        assertThatThrownBy(tasks::next).hasMessageContaining("all tasks of run run-9 have been produced");
    }

    private static List<PromptTask> tasks(RunPlan plan) {
        List<PromptTask> tasks = new ArrayList<>();
        plan.tasks().forEach(tasks::add);
        assertThat(StreamSupport.stream(plan.tasks().spliterator(), false).count()).isEqualTo(tasks.size());
        return tasks;
    }
}
