package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.reports.Fixtures;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Verdict;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RollupsTest {

    private static final String RUN = "run-r";

    private static Rollups.Cell cell(String model, String benchmark, Category category, long correct, long incorrect,
            long expected) {
        return new Rollups.Cell(new ScoreKey(RUN, model, benchmark),
                Fixtures.tally(correct, incorrect, 0, 0, category, "h"),
                new ExpectedCount(model, benchmark, category, expected));
    }

    /**
     * gsm8k 8/10 (mean 0.8, SE sqrt(0.8*0.2*10/9/10) = sqrt(0.0177778) = 0.133333), math 1/4 (mean 0.25, SE
     * sqrt(0.25*0.75*4/3/4) = sqrt(0.0625) = 0.25). MATH category: benchmark mean (0.8 + 0.25) / 2 = 0.525, its SE
     * sqrt(0.0177778 + 0.0625) / 2 = sqrt(0.0802778) / 2 = 0.2833333 / 2 = 0.1416667; pooled 9/14 = 0.642857.
     */
    @Test
    void aCategoryAveragesItsBenchmarksEquallyAndPoolsItsTasks() {
        List<Rollups.Cell> cells = List.of(cell("m", "gsm8k", Category.MATH, 8, 2, 10),
                cell("m", "math", Category.MATH, 1, 3, 8), cell("m", "mmlu", Category.KNOWLEDGE, 3, 1, 4));

        List<RollupScore> categories = Rollups.byCategory(cells, Fixtures.T0);

        assertThat(categories).extracting(RollupScore::category).containsExactly(Category.KNOWLEDGE, Category.MATH);
        RollupScore math = categories.get(1);
        assertThat(math.benchmarks()).isEqualTo(2);
        assertThat(math.benchmarkMean().value()).isCloseTo(0.525, within(1e-12));
        assertThat(math.benchmarkMeanStdErr()).isCloseTo(0.1416667, within(1e-6));
        assertThat(math.estimates().accuracy().value()).isCloseTo(9.0 / 14, within(1e-12));
        assertThat(math.estimates().accuracy().low()).isLessThan(9.0 / 14);
        assertThat(math.estimates().accuracy().high()).isGreaterThan(9.0 / 14);
        assertThat(math.grading().expected()).isEqualTo(18);
        assertThat(math.grading().fraction()).isCloseTo(14.0 / 18, within(1e-12));
    }

    @Test
    void overallCoversEveryBenchmarkOfAModelAndModelsStayApart() {
        List<Rollups.Cell> cells = List.of(cell("a", "gsm8k", Category.MATH, 8, 2, 10),
                cell("a", "mmlu", Category.KNOWLEDGE, 3, 1, 4), cell("b", "gsm8k", Category.MATH, 1, 0, 10));

        List<RollupScore> overall = Rollups.overall(cells, Fixtures.T0);

        assertThat(overall).extracting(RollupScore::modelId).containsExactly("a", "b");
        assertThat(overall.get(0).category()).isNull();
        assertThat(overall.get(0).benchmarkMean().value()).isCloseTo((0.8 + 0.75) / 2, within(1e-12));
        assertThat(overall.get(0).grading().graded()).isEqualTo(14);
        assertThat(overall.get(1).benchmarkMeanStdErr()).as("one grade has no standard error").isNull();
        assertThat(overall.get(1).benchmarkMean().value()).isEqualTo(1.0);
    }

    @Test
    void aCellWithoutGradesCountsInExpectedButNotInTheBenchmarkMean() {
        Rollups.Cell waiting = new Rollups.Cell(new ScoreKey(RUN, "a", "math"), Tally.EMPTY,
                new ExpectedCount("a", "math", Category.MATH, 5));

        RollupScore overall = Rollups.overall(List.of(cell("a", "gsm8k", Category.MATH, 8, 2, 10), waiting),
                Fixtures.T0).getFirst();

        assertThat(overall.benchmarks()).isEqualTo(1);
        assertThat(overall.benchmarkMean().value()).isCloseTo(0.8, within(1e-12));
        assertThat(overall.grading().expected()).isEqualTo(15);
    }

    /** humaneval could not run at all (no sandbox): it counts as graded, but has no mean to average. */
    @Test
    void aCellNothingOfWhichCouldBeAskedCountsAsGradedButNotInTheBenchmarkMean() {
        GradedSample ungradable = GradedSample.of(new ScoreKey(RUN, "a", "humaneval"), Verdict.ERROR, 0.0,
                new CellLabels(Category.CODING, "h")).withCall(SampleCall.took(5L, null).failed(ErrorKind.UNGRADABLE,
                "no sandbox"));
        Rollups.Cell unrun = new Rollups.Cell(new ScoreKey(RUN, "a", "humaneval"),
                Tally.EMPTY.add(ungradable).add(ungradable), new ExpectedCount("a", "humaneval", Category.CODING, 2));

        RollupScore overall = Rollups.overall(List.of(cell("a", "gsm8k", Category.MATH, 8, 2, 10), unrun),
                Fixtures.T0).getFirst();

        assertThat(overall.grading().graded()).isEqualTo(12);
        assertThat(overall.benchmarks()).isEqualTo(2);
        assertThat(overall.benchmarkMean().value()).isCloseTo(0.8, within(1e-12));
        assertThat(overall.estimates().accuracy().value()).isCloseTo(0.8, within(1e-12));
    }
}
