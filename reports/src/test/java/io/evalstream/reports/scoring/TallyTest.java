package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.VerdictCounts;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TallyTest {

    private static final ScoreKey CELL = new ScoreKey("run-1", "sim-strong", "gsm8k");

    private static GradedSample sample(Verdict verdict) {
        return GradedSample.of(CELL, verdict, verdict == Verdict.CORRECT ? 1.0 : 0.0,
                new CellLabels(Category.MATH, "hash-a"));
    }

    private static GradedSample error(String settingsHash, SampleCall call) {
        return GradedSample.of(CELL, Verdict.ERROR, 0.0, new CellLabels(Category.MATH, settingsHash)).withCall(call);
    }

    private static Tally addAll(String verdicts) {
        Tally tally = Tally.EMPTY;
        for (String verdict : verdicts.isBlank() ? new String[0] : verdicts.split(" ")) {
            tally = tally.add(sample(Verdict.valueOf(verdict)));
        }
        return tally;
    }

    @ParameterizedTest(name = "[{0}] -> graded {1}")
    @CsvSource(textBlock = """
            # verdicts added,                           graded, correct, incorrect, noAnswer, errors
            '',                                              0,       0,         0,        0,      0
            CORRECT,                                         1,       1,         0,        0,      0
            CORRECT CORRECT CORRECT,                         3,       3,         0,        0,      0
            INCORRECT NO_ANSWER ERROR,                       3,       0,         1,        1,      1
            CORRECT INCORRECT CORRECT ERROR NO_ANSWER ERROR, 6,       2,         1,        1,      2
            """)
    void addingCountsEachVerdictInItsOwnColumn(String verdicts, long graded, long correct, long incorrect,
            long noAnswer, long errors) {
        Tally tally = addAll(verdicts);

        assertThat(tally).extracting(Tally::graded, Tally::counts)
                .containsExactly(graded, new VerdictCounts(correct, incorrect, noAnswer, errors, 0));
    }

    @ParameterizedTest(name = "{0} replaced by {1}")
    @CsvSource(textBlock = """
            INCORRECT, CORRECT
            CORRECT,   INCORRECT
            ERROR,     CORRECT
            NO_ANSWER, NO_ANSWER
            CORRECT,   CORRECT
            """)
    void replacingAGradeMovesItsCountAndKeepsTheTotal(Verdict before, Verdict after) {
        Tally others = addAll("CORRECT INCORRECT");
        Tally withBefore = others.add(sample(before));

        Tally replaced = withBefore.subtract(sample(before)).add(sample(after));

        assertThat(replaced.graded()).isEqualTo(3);
        assertThat(replaced).isEqualTo(others.add(sample(after)));
        assertThat(replaced.count(after)).isEqualTo(others.count(after) + 1);
    }

    /**
     * Two ERRORs of one kind beside CORRECT INCORRECT CORRECT ERROR(TIMEOUT): a failure of the model counts as wrong,
     * a failure of the evaluation is counted but scored nowhere.
     */
    @ParameterizedTest(name = "{0}: accuracy over {1}, mean {2}")
    @CsvSource(textBlock = """
            # kind,              accuracy trials, mean score
            STOPPED_EARLY,       4,               0.5
            NO_WORKER_FOR_MODEL, 4,               0.5
            UNGRADABLE,          4,               0.5
            UNSUPPORTED_TASK,    4,               0.5
            TIMEOUT,             6,               0.3333333333333333
            MALFORMED_RESPONSE,  6,               0.3333333333333333
            """)
    void theEvaluationsOwnErrorsAreCountedButNotScored(ErrorKind kind, long trials, double mean) {
        GradedSample error = error("hash-a", SampleCall.took(0L, null).failed(kind, "why"));
        Tally others = addAll("CORRECT INCORRECT CORRECT ERROR");
        Tally tally = others.add(error).add(error);

        assertThat(tally.graded()).isEqualTo(6);
        assertThat(tally.unscored()).isEqualTo(6 - trials);
        assertThat(tally.accuracyTrials()).isEqualTo(trials);
        assertThat(tally.meanScore().getAsDouble()).isEqualTo(mean);
        assertThat(error.unscored()).isEqualTo(trials == 4);
        assertThat(tally.subtract(error).subtract(error)).isEqualTo(others);
    }

    @Test
    void aCellNothingOfWhichCouldBeAskedHasNoAccuracy() {
        GradedSample unsupported = error("hash",
                SampleCall.took(0L, null).failed(ErrorKind.UNSUPPORTED_TASK, "the chat API cannot score a text"));

        Tally tally = Tally.EMPTY.add(unsupported).add(unsupported);

        assertThat(tally.accuracyTrials()).isZero();
        assertThat(tally.meanScore()).isEmpty();
    }

    @Test
    void stoppedEarlyTasksMadeNoCallSoTheyAddNoLatency() {
        GradedSample stopped = error("hash",
                SampleCall.took(0L, null).failed(ErrorKind.STOPPED_EARLY, "stopped early on gsm8k"));

        Tally tally = addAll("CORRECT INCORRECT CORRECT ERROR").add(stopped).add(stopped);

        assertThat(tally.latency()).isEqualTo(addAll("CORRECT INCORRECT CORRECT ERROR").latency());
    }

    @Test
    void subtractingEverythingGivesBackAnEmptyCount() {
        Tally tally = addAll("CORRECT ERROR");

        Tally empty = tally.subtract(sample(Verdict.CORRECT)).subtract(sample(Verdict.ERROR));

        assertThat(empty.graded()).isZero();
        assertThat(Arrays.stream(Verdict.values()).mapToLong(empty::count).sum()).isZero();
    }

    @Test
    void subtractingAVerdictThatIsNotCountedIsABug() {
        assertThatThrownBy(() -> addAll("CORRECT").subtract(sample(Verdict.ERROR)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("none is counted");
        assertThatThrownBy(() -> Tally.EMPTY.subtract(sample(Verdict.CORRECT)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theLatestAddedGradeNamesCategoryAndSettingsHash() {
        Tally tally = Tally.EMPTY.add(sample(Verdict.CORRECT))
                .add(GradedSample.of(CELL, Verdict.CORRECT, 1.0, new CellLabels(Category.REASONING, "hash-b")));

        assertThat(tally.category()).isEqualTo(Category.REASONING);
        assertThat(tally.settingsHash()).isEqualTo("hash-b");
        assertThat(Tally.EMPTY.category()).isNull();
    }

    @ParameterizedTest(name = "graded={0} correct={1} incorrect={2} noAnswer={3} errors={4} is refused")
    @CsvSource(textBlock = """
            2, 1, 0, 0, 0
            0, 0, 0, 0, 1
            1, 0, 0, 0, 0
            """)
    void refusesCountsThatDoNotAddUp(long graded, long correct, long incorrect, long noAnswer, long errors) {
        VerdictCounts counts = new VerdictCounts(correct, incorrect, noAnswer, errors, 0);
        assertThatThrownBy(() -> new Tally(graded, counts, ScoreSums.ZERO, CellLabels.NONE, GradingSpan.NONE,
                CallSums.NONE, DetailSums.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to graded");
    }

    @Test
    void refusesANegativeCount() {
        assertThatThrownBy(() -> new VerdictCounts(-1, 0, 0, 0, 0)).hasMessageContaining("correct");
    }
}
