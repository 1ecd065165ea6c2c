package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.reports.Fixtures;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.VerdictCounts;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ScoringTest {

    private static final ScoreKey CELL = new ScoreKey("run-1", "sim-strong", "gsm8k");
    private static final ExpectedCount HUNDRED = new ExpectedCount("sim-strong", "gsm8k", Category.MATH, 100);

    @Test
    void errorsAndNoAnswersCountAsNotCorrect() {
        Tally tally = Fixtures.tally(5, 1, 2, 2, Category.MATH, "h");

        BenchmarkScore score = Scoring.score(CELL, tally, HUNDRED, Fixtures.T0);

        assertThat(score.accuracy().value()).isEqualTo(0.5);
        assertThat(score.accuracy().low()).isCloseTo(0.236593, within(1e-6));
        assertThat(score.accuracy().high()).isCloseTo(0.763407, within(1e-6));
        // 5 of 10: where B(6, 6) / (p^5 (1 - p)^5) = 20, p = 0.129219 and 0.870781; wider than Wilson's.
        assertThat(score.detail().anytime95().low()).isCloseTo(0.129219, within(1e-6));
        assertThat(score.detail().anytime95().high()).isCloseTo(0.870781, within(1e-6));
        assertThat(score.graded()).isEqualTo(10L);
        assertThat(score.counts()).isEqualTo(new VerdictCounts(5, 1, 2, 2, 0));
        assertThat(score.grading().expected()).isEqualTo(100L);
        assertThat(score.grading().fraction()).isEqualTo(0.1);
        assertThat(score.key()).isEqualTo(CELL);
        assertThat(score.updatedAt()).isEqualTo(Fixtures.T0);
    }

    @Test
    void anUngradedCellHasNoAccuracyNoIntervalAndTheManifestsCategory() {
        BenchmarkScore score = Scoring.score(CELL, Tally.EMPTY, HUNDRED, Fixtures.T0);

        assertThat(score.graded()).isZero();
        assertThat(score.accuracy().value()).isNull();
        assertThat(score.accuracy().low()).isNull();
        assertThat(score.accuracy().high()).isNull();
        assertThat(score.detail().anytime95()).isNull();
        assertThat(score.grading().fraction()).isEqualTo(0.0);
        assertThat(score.cell().category()).isEqualTo(Category.MATH);
    }

    @Test
    void withoutAManifestExpectedIsZeroAndProgressUnknown() {
        BenchmarkScore score = Scoring.score(CELL, Fixtures.tally(1, 0, 0, 0, Category.MATH, "h"), null,
                Fixtures.T0);

        assertThat(score.grading().expected()).isZero();
        assertThat(score.grading().fraction()).isNull();
        assertThat(score.accuracy().value()).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0} of {1} -> {2}")
    @CsvSource(textBlock = """
              0, 100, 0.0
             50, 100, 0.5
            100, 100, 1.0
            120, 100, 1.0
              0,   0, 1.0
              3,   0, 1.0
              1,   3, 0.3333333333333333
            """)
    void progressIsGradedOverExpectedCappedAtOne(long graded, long expected, double progress) {
        assertThat(Scoring.progress(graded, expected)).isEqualTo(progress);
    }

    @Test
    void aCellListedTwiceInTheManifestExpectsBothCounts() {
        RunManifest manifest = Fixtures.manifest("run-1", List.of("sim-strong"), List.of("gsm8k"), 10);
        RunManifest twice = new RunManifest(1, manifest.spec(),
                List.of(manifest.expected().getFirst(), manifest.expected().getFirst()), manifest.benchmarkSettings(),
                Fixtures.T0);

        assertThat(Scoring.expectedCells(twice)).containsOnlyKeys(CELL);
        assertThat(Scoring.expectedCells(twice).get(CELL).tasks()).isEqualTo(20);
    }
}
