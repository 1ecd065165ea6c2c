package io.evalstream.producer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.SettingsHash;
import io.evalstream.contracts.TaskId;
import io.evalstream.producer.catalog.Benchmark;
import io.evalstream.producer.catalog.Catalog;
import io.evalstream.producer.dataset.ChoiceQuestion;
import io.evalstream.producer.dataset.MathProblem;
import io.evalstream.producer.prompt.ChoicePrompt;
import io.evalstream.producer.prompt.MathPrompt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class RunPlannerTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    private static final List<MathProblem> MATH = List.of(
            new MathProblem("0", "One plus one?", "1 + 1 = <<1+1=2>>2", "2"),
            new MathProblem("1", "Two plus two?", "2 + 2 = <<2+2=4>>4", "4"),
            new MathProblem("2", "Three plus three?", "3 + 3 = <<3+3=6>>6", "6"));
    private static final List<ChoiceQuestion> CHOICES = List.of(
            new ChoiceQuestion("astronomy-0", "astronomy", "Red planet?", List.of("Venus", "Mars", "Moon", "Sun"), "B"),
            new ChoiceQuestion("virology-0", "virology", "Smallest?", List.of("Virus", "Cell", "Cat", "Dog"), "A"));
    private static final Catalog CATALOG = new Catalog(List.of(
            new Benchmark<>("gsm8k", "math", Category.MATH, Extraction.NUMERIC, MATH, new MathPrompt(MATH)),
            new Benchmark<>("mmlu", "choices", Category.KNOWLEDGE, Extraction.MULTIPLE_CHOICE, CHOICES,
                    new ChoicePrompt(Map.of("astronomy", CHOICES.subList(0, 1), "virology", CHOICES.subList(1, 2))))));
    private static final RunPlanner PLANNER = new RunPlanner(CATALOG);

    @Test
    void everyModelGetsEveryItemOfEveryBenchmarkForEverySample() {
        RunSpec spec = spec("run-1", List.of("m1", "m2"), List.of(new BenchmarkSelection("gsm8k", 2),
                new BenchmarkSelection("mmlu", null)), 3);

        RunPlan plan = PLANNER.plan(spec, NOW);
        List<PromptTask> tasks = tasks(plan);

        assertThat(plan.taskCount()).isEqualTo(2 * (2 + 2) * 3);
        assertThat(tasks).hasSize(24);
        assertThat(tasks).extracting(task -> task.taskId().toString()).doesNotHaveDuplicates().startsWith(
                "run-1/m1/gsm8k/0/default/0", "run-1/m1/gsm8k/0/default/1", "run-1/m1/gsm8k/0/default/2",
                "run-1/m2/gsm8k/0/default/0", "run-1/m2/gsm8k/0/default/1", "run-1/m2/gsm8k/0/default/2",
                "run-1/m1/gsm8k/1/default/0").endsWith("run-1/m2/mmlu/virology-0/default/2");
        assertThat(plan.manifest().expected()).containsExactly(
                new ExpectedCount("m1", "gsm8k", Category.MATH, 6),
                new ExpectedCount("m1", "mmlu", Category.KNOWLEDGE, 6),
                new ExpectedCount("m2", "gsm8k", Category.MATH, 6),
                new ExpectedCount("m2", "mmlu", Category.KNOWLEDGE, 6));
        assertThat(plan.manifest().spec()).isEqualTo(spec);
        assertThat(plan.manifest().submittedAt()).isEqualTo(NOW);
    }

    @Test
    void eachTaskCarriesItsPromptReferenceAndSettings() {
        Settings settings = Settings.of(1, true, 0.7, 0.9, 64, 7L, List.of("Question:"));
        RunSpec spec = new RunSpec("run-2", List.of("m"), List.of(new BenchmarkSelection("mmlu", 1)), settings, 1);

        PromptTask task = tasks(PLANNER.plan(spec, NOW)).getFirst();

        assertThat(task.taskId()).isEqualTo(new TaskId("run-2", "m", "mmlu", "astronomy-0", "default", 0));
        assertThat(task.purpose()).isEqualTo(Purpose.EVAL);
        assertThat(task.prompt()).isEqualTo(CATALOG.find("mmlu").orElseThrow().prompt(0, settings).text())
                .endsWith("Red planet?\n(A) Venus\n(B) Mars\n(C) Moon\n(D) Sun\nAnswer: Let's think step by step.");
        assertThat(task.reference()).isEqualTo("B");
        assertThat(task.extraction()).isEqualTo(Extraction.MULTIPLE_CHOICE);
        assertThat(task.category()).isEqualTo(Category.KNOWLEDGE);
        assertThat(task.settings()).isEqualTo(settings);
        assertThat(task.settingsHash()).isEqualTo(SettingsHash.of(settings, Extraction.MULTIPLE_CHOICE, "default"));
    }

    @Test
    void theSettingsHashDiffersPerBenchmarkBecauseTheExtractionDoes() {
        RunPlan plan = PLANNER.plan(spec("run-3", List.of("m"), List.of(new BenchmarkSelection("mmlu", null),
                new BenchmarkSelection("gsm8k", null)), 1), NOW);

        assertThat(plan.settingsHashes()).containsExactly(
                Map.entry("mmlu", SettingsHash.of(Settings.defaults(), Extraction.MULTIPLE_CHOICE, "default")),
                Map.entry("gsm8k", SettingsHash.of(Settings.defaults(), Extraction.NUMERIC, "default")));
        assertThat(plan.settingsHashes().get("mmlu")).isNotEqualTo(plan.settingsHashes().get("gsm8k"));
    }

    @ParameterizedTest(name = "limit {0} takes {1}")
    @CsvSource(nullValues = "null", textBlock = """
            1,    1
            2,    2
            3,    3
            1000, 3
            null, 3
            """)
    void aLimitTakesAPrefixCappedAtTheBenchmarkSize(Integer limit, int items) {
        RunPlan plan = PLANNER.plan(spec("run-4", List.of("m"), List.of(new BenchmarkSelection("gsm8k", limit)), 1),
                NOW);

        assertThat(tasks(plan)).extracting(task -> task.taskId().itemId())
                .containsExactlyElementsOf(List.of("0", "1", "2").subList(0, items));
        assertThat(plan.taskCount()).isEqualTo(items);
    }

    @Test
    void resubmittingTheSameSpecGivesTheSameTaskIdsAndPrompts() {
        RunSpec spec = spec("run-5", List.of("a", "b"), List.of(new BenchmarkSelection("gsm8k", null)), 2);

        assertThat(tasks(PLANNER.plan(spec, NOW))).isEqualTo(tasks(PLANNER.plan(spec, NOW.plusSeconds(60))));
    }

    @Test
    void anUnknownBenchmarkIsRejectedNamingItAndTheKnownOnes() {
        RunSpec spec = spec("run-6", List.of("m"), List.of(new BenchmarkSelection("gsm8k", null),
                new BenchmarkSelection("hellaswag", null)), 1);

        assertThatThrownBy(() -> PLANNER.plan(spec, NOW))
                .isInstanceOf(RunRejectedException.class)
                .hasMessage("field 'benchmarks[1].id' names unknown benchmark 'hellaswag'; known benchmarks: gsm8k, mmlu");
    }

    @Test
    void moreShotsThanABenchmarkHasExemplarsAreRejected() {
        RunSpec spec = new RunSpec("run-7", List.of("m"), List.of(new BenchmarkSelection("gsm8k", null),
                new BenchmarkSelection("mmlu", null)), Settings.defaults().withShots(2), 1);

        assertThatThrownBy(() -> PLANNER.plan(spec, NOW))
                .isInstanceOf(RunRejectedException.class)
                .hasMessage("field 'settings.shots' is 2 but benchmark 'mmlu' has only 1 few-shot exemplars;"
                        + " ask for at most 1");
    }

    @Test
    void iteratingPastTheEndFailsClearly() {
        var tasks = PLANNER.plan(spec("run-8", List.of("m"), List.of(new BenchmarkSelection("gsm8k", 1)), 1), NOW)
                .tasks().iterator();
        tasks.next();

        assertThat(tasks.hasNext()).isFalse();
        assertThatThrownBy(tasks::next).hasMessageContaining("all tasks of run run-8 have been produced");
    }

    private static RunSpec spec(String runId, List<String> models, List<BenchmarkSelection> benchmarks, int samples) {
        return new RunSpec(runId, models, benchmarks, Settings.defaults(), samples);
    }

    private static List<PromptTask> tasks(RunPlan plan) {
        List<PromptTask> tasks = new ArrayList<>();
        plan.tasks().forEach(tasks::add);
        assertThat(StreamSupport.stream(plan.tasks().spliterator(), false).count()).isEqualTo(tasks.size());
        return tasks;
    }
}
