package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.reports.Fixtures;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pass@k, subset and group scores computed from a run's latest samples. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RunBreakdownTest {

    private static final String RUN = "run-b";
    private static final Subset ALGEBRA = new Subset("abstract_algebra", "stem");
    private static final Subset ANATOMY = new Subset("anatomy", "stem");
    private static final Subset RELIGIONS = new Subset("world_religions", "humanities");
    private static final Subset WIKI = new Subset("wiki", null);

    private static TaskSample sample(String model, String benchmark, String item, String variant, int index,
            Verdict verdict, double score, Subset subset, String hash) {
        TaskId task = new TaskId(RUN, model, benchmark, item, variant, index);
        return new TaskSample(task, GradedSample.of(task.scoreKey(), verdict, score,
                new CellLabels(Category.KNOWLEDGE, hash)).withSubset(subset));
    }

    private static TaskSample sample(String model, String benchmark, int item, int index, Verdict verdict,
            Subset subset) {
        return sample(model, benchmark, "item-" + item, "default", index, verdict, verdict == Verdict.CORRECT ? 1 : 0,
                subset, "h");
    }

    /** Problems as "n/c" (n graded samples, the first c correct), one item each of one humaneval cell. */
    private static List<TaskSample> problems(String spec) {
        List<TaskSample> samples = new ArrayList<>();
        String[] problems = spec.isBlank() ? new String[0] : spec.split(" ");
        for (int item = 0; item < problems.length; item++) {
            int[] nc = Arrays.stream(problems[item].split("/")).mapToInt(Integer::parseInt).toArray();
            for (int index = 0; index < nc[0]; index++) {
                samples.add(sample("sim-strong", "humaneval", item, index,
                        index < nc[1] ? Verdict.CORRECT : Verdict.INCORRECT, null));
            }
        }
        return samples;
    }

    @ParameterizedTest(name = "[{0}] -> {1} problems, n {2}..{3}, pass@1 {4}, pass@10 {5}, pass@100 {6}")
    @CsvSource(nullValues = "null", textBlock = """
            # problems as n/c,     problems, min n, max n, pass@1,             pass@10,             pass@100
            5/2,                   1,        5,     5,     0.4,                null,                null
            5/2 5/0 5/5,           3,        5,     5,     0.4666666666666666, null,                null
            5/2 1/1,               2,        1,     5,     0.7,                null,                null
            10/3 12/0,             2,        10,    12,    0.15,               0.5,                 null
            200/3 200/0 100/100,   3,        100,   200,   0.3383333333333334, 0.38110248210750725, 0.6256281407035176
            """)
    void passAtKIsAveragedOverProblemsForEveryKTheSmallestProblemAllows(String spec, long problems, int minSamples,
            int maxSamples, double pass1, Double pass10, Double pass100) {
        List<PassAtKScore> passAtK = RunBreakdown.of(problems(spec)).passAtK();

        assertThat(passAtK).singleElement().satisfies(cell -> {
            assertThat(cell).extracting(PassAtKScore::modelId, PassAtKScore::benchmarkId, PassAtKScore::problems,
                    PassAtKScore::minSamples, PassAtKScore::maxSamples)
                    .containsExactly("sim-strong", "humaneval", problems, minSamples, maxSamples);
            List<Double> expected = new ArrayList<>(List.of(pass1));
            if (pass10 != null) {
                expected.add(pass10);
            }
            if (pass100 != null) {
                expected.add(pass100);
            }
            assertThat(cell.estimates()).extracting(PassAtKScore.Estimate::k)
                    .containsExactlyElementsOf(PassAtK.KS.subList(0, expected.size()));
            for (int i = 0; i < expected.size(); i++) {
                assertThat(cell.estimates().get(i).value()).isCloseTo(expected.get(i), within(1e-12));
            }
        });
    }

    @ParameterizedTest(name = "[{0}] has no pass@k")
    @CsvSource(textBlock = """
            ''
            1/1
            1/1 1/0 1/1
            """)
    void aCellWithOneSampleAPieceHasNoPassAtKAccuracyIsItsPassAtOne(String spec) {
        assertThat(RunBreakdown.of(problems(spec)).passAtK()).isEmpty();
    }

    @Test
    void eachVariantOfAnItemIsItsOwnProblemAndErrorsCountAsGradedButNotCorrect() {
        List<TaskSample> samples = List.of(
                sample("sim-weak", "gsm8k", "item-1", "plain", 0, Verdict.CORRECT, 1, null, "h"),
                sample("sim-weak", "gsm8k", "item-1", "plain", 1, Verdict.ERROR, 0, null, "h"),
                sample("sim-weak", "gsm8k", "item-1", "cot", 0, Verdict.NO_ANSWER, 0, null, "h"),
                sample("sim-weak", "gsm8k", "item-1", "cot", 1, Verdict.INCORRECT, 0, null, "h"),
                sample("sim-strong", "gsm8k", "item-1", "plain", 0, Verdict.CORRECT, 1, null, "h"));

        List<PassAtKScore> passAtK = RunBreakdown.of(samples).passAtK();

        assertThat(passAtK).singleElement().satisfies(cell -> {
            assertThat(cell.modelId()).isEqualTo("sim-weak");
            assertThat(cell.problems()).isEqualTo(2);
            assertThat(cell.minSamples()).isEqualTo(2);
            assertThat(cell.estimates()).containsExactly(new PassAtKScore.Estimate(1, 0.25));
        });
    }

    /** Two models on MMLU, plus a squad cell whose subset has no group and an MMLU task outside any subset. */
    private static final List<TaskSample> SUBSET_SAMPLES = List.of(
            sample("sim-strong", "mmlu", 1, 0, Verdict.CORRECT, ALGEBRA),
            sample("sim-strong", "mmlu", 2, 0, Verdict.INCORRECT, ALGEBRA),
            sample("sim-strong", "mmlu", 3, 0, Verdict.INCORRECT, ALGEBRA),
            sample("sim-strong", "mmlu", 4, 0, Verdict.CORRECT, ANATOMY),
            sample("sim-strong", "mmlu", 5, 0, Verdict.CORRECT, ANATOMY),
            sample("sim-strong", "mmlu", 6, 0, Verdict.CORRECT, RELIGIONS),
            sample("sim-strong", "mmlu", 7, 0, Verdict.NO_ANSWER, RELIGIONS),
            sample("sim-strong", "mmlu", 8, 0, Verdict.CORRECT, null),
            sample("sim-weak", "mmlu", 1, 0, Verdict.ERROR, ALGEBRA),
            sample("sim-strong", "squad", "item-1", "default", 0, Verdict.INCORRECT, 0.5, WIKI, "h"),
            sample("sim-strong", "squad", "item-2", "default", 0, Verdict.CORRECT, 1.0, WIKI, "h"));

    @ParameterizedTest(name = "{0} {1}/{2}/{3}")
    @CsvSource(nullValues = "null", textBlock = """
            # kind,  model,      benchmark, subset or group,  group,      graded, correct, accuracy,           meanScore
            subset,  sim-strong, mmlu,      abstract_algebra, stem,       3,      1,       0.3333333333333333, 0.3333333333333333
            subset,  sim-strong, mmlu,      anatomy,          stem,       2,      2,       1.0,                1.0
            subset,  sim-strong, mmlu,      world_religions,  humanities, 2,      1,       0.5,                0.5
            subset,  sim-strong, squad,     wiki,             null,       2,      1,       0.5,                0.75
            subset,  sim-weak,   mmlu,      abstract_algebra, stem,       1,      0,       0.0,                0.0
            group,   sim-strong, mmlu,      humanities,       humanities, 2,      1,       0.5,                0.5
            group,   sim-strong, mmlu,      stem,             stem,       5,      3,       0.6,                0.6
            group,   sim-weak,   mmlu,      stem,             stem,       1,      0,       0.0,                0.0
            """)
    void subsetsAndGroupsPoolTheirTasks(String kind, String model, String benchmark, String name, String group,
            long graded, long correct, double accuracy, double meanScore) {
        RunBreakdown breakdown = RunBreakdown.of(SUBSET_SAMPLES);

        Map<String, Object> row = kind.equals("subset")
                ? breakdown.subsets().stream().filter(s -> s.modelId().equals(model) && s.benchmarkId().equals(benchmark)
                        && s.subset().equals(name)).map(RunBreakdownTest::fields).findFirst().orElseThrow()
                : breakdown.groups().stream().filter(g -> g.modelId().equals(model) && g.benchmarkId().equals(benchmark)
                        && g.group().equals(name)).map(RunBreakdownTest::fields).findFirst().orElseThrow();

        assertThat(row.get("group")).isEqualTo(group);
        assertThat(row).containsEntry("graded", graded).containsEntry("correct", correct);
        assertThat((Double) row.get("accuracy")).isCloseTo(accuracy, within(1e-12));
        assertThat((Double) row.get("meanScore")).isCloseTo(meanScore, within(1e-12));
        assertThat((Double) row.get("ci95Low")).isLessThanOrEqualTo(accuracy);
        assertThat((Double) row.get("ci95High")).isGreaterThanOrEqualTo(accuracy);
    }

    @Test
    void subsetsAndGroupsAreSortedAndTasksOutsideASubsetCountInNeither() {
        RunBreakdown breakdown = RunBreakdown.of(SUBSET_SAMPLES);

        assertThat(breakdown.subsets()).extracting(s -> s.modelId() + "/" + s.benchmarkId() + "/" + s.subset())
                .containsExactly("sim-strong/mmlu/abstract_algebra", "sim-strong/mmlu/anatomy",
                        "sim-strong/mmlu/world_religions", "sim-strong/squad/wiki", "sim-weak/mmlu/abstract_algebra");
        assertThat(breakdown.groups()).extracting(g -> g.modelId() + "/" + g.benchmarkId() + "/" + g.group())
                .containsExactly("sim-strong/mmlu/humanities", "sim-strong/mmlu/stem", "sim-weak/mmlu/stem");
        assertThat(breakdown.subsets().stream().filter(s -> s.benchmarkId().equals("mmlu")
                && s.modelId().equals("sim-strong")).mapToLong(SubsetScore::graded).sum()).isEqualTo(7);
        assertThat(breakdown.subsets().getLast().estimates().meanScore().stdErr()).isNull();
        assertThat(breakdown.passAtK()).isEmpty();
    }

    /**
     * Two items of five samples, one always right and one always wrong: n = 10, mean 0.5, naive SE^2 = (2.5/9)/10;
     * the item residual sums are +-2.5, so clustered SE^2 = (2.5/9 + 12.5)/100 = 0.1277778 and the design effect 4.6.
     */
    @Test
    void samplesOfOneItemAreOneClusterOfTheCellsClusteredStandardError() {
        List<ClusteredScore> clustered = RunBreakdown.of(problems("5/5 5/0")).clustered();

        assertThat(clustered).singleElement().satisfies(score -> {
            assertThat(score.modelId() + "/" + score.benchmarkId()).isEqualTo("sim-strong/humaneval");
            assertThat(score.score().n()).isEqualTo(10);
            assertThat(score.score().clusters()).isEqualTo(2);
            assertThat(score.score().naiveSe()).isCloseTo(Math.sqrt(2.5 / 9 / 10), within(1e-12));
            assertThat(score.score().clusteredSe()).isCloseTo(Math.sqrt(0.1277778), within(1e-7));
            assertThat(score.score().designEffect()).isCloseTo(4.6, within(1e-9));
        });
        assertThat(RunBreakdown.of(List.of()).clustered()).isEmpty();
    }

    @Test
    void everyGradedSettingsHashIsListedOnceSortedAndTheFullReportAddsThoseOfTheLiveOne() {
        RunBreakdown breakdown = RunBreakdown.of(List.of(
                sample("sim-strong", "mmlu", "item-1", "plain", 0, Verdict.CORRECT, 1, null, "hash-b"),
                sample("sim-strong", "mmlu", "item-1", "cot", 0, Verdict.CORRECT, 1, null, "hash-a"),
                sample("sim-weak", "mmlu", "item-1", "plain", 0, Verdict.CORRECT, 1, null, "hash-b")));
        RunReport live = RunReports.build(RUN, Fixtures.manifest(RUN, List.of("sim-strong"), List.of("mmlu"), 2),
                Map.of(), Fixtures.T0).orElseThrow();

        FullRunReport full = FullRunReport.of(live, breakdown);

        assertThat(breakdown.settingsHashes()).containsExactly("hash-a", "hash-b");
        assertThat(full.settingsHashes()).containsExactly("hash-a", "hash-b");
        assertThat(full.benchmarkSettings()).isEqualTo(live.benchmarkSettings()).isNotEmpty();
        assertThat(full).extracting(FullRunReport::runId, FullRunReport::status, FullRunReport::totals,
                FullRunReport::scores).containsExactly(live.runId(), live.status(), live.totals(), live.scores());
    }

    private static Map<String, Object> fields(SubsetScore s) {
        return row(s.group(), s.graded(), s.correct(), s.estimates().accuracy().value(), s.estimates().accuracy().low(),
                s.estimates().accuracy().high(), s.estimates().meanScore().value());
    }

    private static Map<String, Object> fields(GroupScore g) {
        return row(g.group(), g.graded(), g.correct(), g.estimates().accuracy().value(), g.estimates().accuracy().low(),
                g.estimates().accuracy().high(), g.estimates().meanScore().value());
    }

    private static Map<String, Object> row(String group, long graded, long correct, Double accuracy, Double low,
            Double high, Double meanScore) {
        Map<String, Object> row = new HashMap<>();
        row.put("group", group);
        row.put("graded", graded);
        row.put("correct", correct);
        row.put("accuracy", accuracy);
        row.put("ci95Low", low);
        row.put("ci95High", high);
        row.put("meanScore", meanScore);
        return row;
    }
}
