package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Verdict;
import io.evalstream.reports.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mean score and its standard error, streamed through a tally's add and subtract. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MeanScoreTest {

    private static final ScoreKey CELL = new ScoreKey("run-1", "sim-strong", "squad");

    /** A token-F1 style sample: CORRECT only at 1, partial credit is INCORRECT. */
    private static GradedSample sample(double score) {
        return GradedSample.of(CELL, score == 1.0 ? Verdict.CORRECT : Verdict.INCORRECT, score,
                new CellLabels(Category.COMPREHENSION, "h"));
    }

    private static List<Double> scores(String text) {
        return text.isBlank() ? List.of() : Arrays.stream(text.split(" ")).map(Double::valueOf).toList();
    }

    private static Tally addAll(Tally tally, List<Double> scores) {
        for (double score : scores) {
            tally = tally.add(sample(score));
        }
        return tally;
    }

    @ParameterizedTest(name = "[{0}] -> mean {1}, SE {2}")
    @CsvSource(nullValues = "null", textBlock = """
            # scores,          mean, standard error (sample SD / sqrt(n))
            '',                null, null
            0.5,               0.5,  null
            1 0 1 1,           0.75, 0.25
            0 1,               0.5,  0.5
            0.1 0.9,           0.5,  0.4
            0.2 0.4 0.6,       0.4,  0.11547005383792514
            1 1,               1.0,  0.0
            0 0 0 0,           0.0,  0.0
            # float cancellation makes sumSq - sum^2/n a hair below 0 here: the SE must be 0, not NaN
            0.1 0.1 0.1,       0.1,  0.0
            0.7 0.7 0.7 0.7 0.7, 0.7, 0.0
            """)
    void meanAndStandardErrorOfKnownScores(String text, Double mean, Double standardError) {
        Tally tally = addAll(Tally.EMPTY, scores(text));
        BenchmarkScore score = Scoring.score(CELL, tally, null, Fixtures.T0);

        assertThat(score.meanScore().value()).satisfies(value -> assertClose(value, mean));
        assertThat(score.meanScore().stdErr()).satisfies(value -> assertClose(value, standardError));
    }

    @Test
    void partialCreditLiftsTheMeanScoreAboveAccuracy() {
        BenchmarkScore score = Scoring.score(CELL, addAll(Tally.EMPTY, List.of(1.0, 0.5, 0.5, 0.0)), null, Fixtures.T0);

        assertThat(score.accuracy().value()).isEqualTo(0.25);
        assertThat(score.meanScore().value()).isEqualTo(0.5);
    }

    @Test
    void addingThenSubtractingSamplesGivesBackTheSameMeanAndStandardError() {
        List<Double> kept = List.of(0.1, 0.7, 0.33, 0.25, 1.0);
        List<Double> passing = List.of(0.123, 0.9, 0.0, 1.0, 0.456789);
        Tally before = addAll(Tally.EMPTY, kept);

        Tally after = addAll(before, passing);
        for (double score : passing) {
            after = after.subtract(sample(score));
        }

        assertThat(after.graded()).isEqualTo(before.graded());
        assertThat(after.meanScore().getAsDouble()).isCloseTo(before.meanScore().getAsDouble(), within(1e-12));
        assertThat(after.meanScoreStdErr().getAsDouble())
                .isCloseTo(before.meanScoreStdErr().getAsDouble(), within(1e-12));
    }

    @Test
    void subtractingEverySampleLeavesExactlyTheEmptyTallyWithNoRoundingBehind() {
        List<Double> all = List.of(0.1, 0.7, 0.33, 1.0);
        Tally tally = addAll(Tally.EMPTY, all);

        for (double score : all) {
            tally = tally.subtract(sample(score));
        }

        assertThat(tally).isEqualTo(Tally.EMPTY.add(sample(1.0)).subtract(sample(1.0)));
        assertThat(tally.sums().scoreSum()).isZero();
        assertThat(tally.sums().scoreSquareSum()).isZero();
        assertThat(tally.meanScore()).isEmpty();
    }

    @ParameterizedTest(name = "n={0} sum={1} sumSq={2} -> {3}")
    @CsvSource(nullValues = "null", textBlock = """
            # n, sum,  sum of squares,        standard error
              0, 0.0,  0.0,                   null
              1, 0.3,  0.09,                  null
              3, 0.9,  0.26999999999999996,   0.0
              3, 0.9,  0.27,                  0.0
              4, 3.0,  3.0,                   0.25
            """)
    void standardErrorNeedsTwoScoresAndNeverGoesNegativeOrNaN(long n, double sum, double squareSum,
            Double expected) {
        assertClose(Means.boxed(Means.standardError(n, sum, squareSum)), expected);
    }

    @Test
    void aMeanPushedOutsideZeroToOneByRoundingIsClamped() {
        assertThat(Means.mean(3, 3.0000000000000004).getAsDouble()).isEqualTo(1.0);
        assertThat(Means.mean(2, -1e-17).getAsDouble()).isEqualTo(0.0);
        assertThat(Means.mean(0, 0.0)).isEmpty();
    }

    private static void assertClose(Double actual, Double expected) {
        if (expected == null) {
            assertThat(actual).isNull();
        } else {
            assertThat(actual).isNotNull().isCloseTo(expected, within(1e-12));
        }
    }
}
