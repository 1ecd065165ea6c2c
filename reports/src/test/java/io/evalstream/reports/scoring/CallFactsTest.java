package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.VerdictCounts;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error kinds, latencies, tokens and grade times in a tally: counted once per task, moved when a grade is replaced. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
public class CallFactsTest {

    private static final ScoreKey CELL = new ScoreKey("run-c", "sim-flaky", "gsm8k");
    private static final long T = Instant.parse("2026-11-21T12:00:00Z").toEpochMilli();

    public static GradedSample sample(Verdict verdict, ErrorKind kind, long latency, long promptTokens, long at) {
        return GradedSample.of(CELL, verdict, verdict == Verdict.CORRECT ? 1.0 : 0.0,
                new CellLabels(Category.MATH, "h"))
                .withCall(SampleCall.took(latency, new TokenUsage(promptTokens, promptTokens / 10))
                        .failed(kind, kind == null ? null : "failed: " + kind))
                .withOrigin(new SampleOrigin(at, null));
    }

    @Test
    void errorKindsLatencyAndTokensAddUpAndMoveWhenAGradeIsReplaced() {
        GradedSample timeout = sample(Verdict.ERROR, ErrorKind.TIMEOUT, 30_000, 0, T);
        GradedSample retried = sample(Verdict.CORRECT, null, 800, 500, T + 60_000);
        Tally tally = Tally.EMPTY.add(sample(Verdict.CORRECT, null, 700, 400, T + 1_000))
                .add(sample(Verdict.ERROR, ErrorKind.RATE_LIMITED, 50, 0, T + 2_000)).add(timeout);

        assertThat(tally.errorKinds()).containsExactlyInAnyOrderEntriesOf(Map.of(ErrorKind.TIMEOUT, 1L,
                ErrorKind.RATE_LIMITED, 1L));
        assertThat(tally.latency().count()).isEqualTo(3);
        assertThat(tally.tokens()).isEqualTo(new TokenUsage(400, 40));

        Tally replaced = tally.subtract(timeout).add(retried);

        assertThat(replaced.errorKinds()).containsExactly(Map.entry(ErrorKind.RATE_LIMITED, 1L));
        assertThat(replaced.latency().summary().p99Millis()).isCloseTo(800, within(40.0));
        assertThat(replaced.tokens()).isEqualTo(new TokenUsage(900, 90));
        assertThat(replaced.span()).isEqualTo(new GradingSpan(T, T + 60_000));
        assertThat(replaced.graded()).isEqualTo(3);
    }

    @Test
    void aSumOfTalliesCountsEverythingOnceAndKeepsOnlyWhatTheyShare() {
        Tally math = Tally.EMPTY.add(sample(Verdict.CORRECT, null, 100, 10, T + 5))
                .add(sample(Verdict.ERROR, ErrorKind.TIMEOUT, 100, 0, T + 9));
        Tally knowledge = Tally.ofCounts(new VerdictCounts(1, 1, 0, 0, 0), new ScoreSums(1.0, 1.0),
                new CellLabels(Category.KNOWLEDGE, "h")).add(
                GradedSample.of(new ScoreKey("run-c", "sim-flaky", "mmlu"), Verdict.ERROR, 0.0,
                        new CellLabels(Category.KNOWLEDGE, "h"))
                        .withCall(SampleCall.took(250L, null).failed(ErrorKind.TIMEOUT, "read timed out"))
                        .withOrigin(new SampleOrigin(T + 1, null)));

        Tally sum = math.plus(knowledge);

        assertThat(sum.graded()).isEqualTo(5);
        assertThat(sum.correct()).isEqualTo(2);
        assertThat(sum.errors()).isEqualTo(2);
        assertThat(sum.errorKinds()).containsExactly(Map.entry(ErrorKind.TIMEOUT, 2L));
        assertThat(sum.errorCounts().reasons()).containsExactly(Map.entry(ErrorKind.TIMEOUT, "failed: TIMEOUT"));
        assertThat(sum.latency().count()).isEqualTo(3);
        assertThat(sum.category()).isNull();
        assertThat(sum.settingsHash()).isEqualTo("h");
        assertThat(sum.span()).isEqualTo(new GradingSpan(T + 1, T + 9));
        assertThat(Tally.EMPTY.plus(math)).isEqualTo(math);
    }

    /** ETA = remaining * elapsed / graded: the pace since the first grade, carried forward. */
    @ParameterizedTest(name = "{0} of {1} graded, first {2} s ago -> {3}")
    @CsvSource(textBlock = """
            0,   100, 10,  ,
            50,  100, 0,   ,
            50,  100, 10,  10.0
            25,  100, 10,  30.0
            100, 100, 10,  0.0
            120, 100, 10,  0.0
            1,   1001, 2,  2000.0
            """)
    void theEtaIsTheRemainingTasksAtThePaceSoFar(long graded, long expected, long elapsedSeconds, Double eta) {
        Instant now = Instant.ofEpochMilli(T).plusSeconds(elapsedSeconds);

        OptionalDouble estimate = Scoring.eta(graded, expected, graded == 0 ? null : T, now);

        if (eta == null) {
            assertThat(estimate).isEmpty();
        } else {
            assertThat(estimate.getAsDouble()).isCloseTo(eta, within(1e-9));
        }
    }
}
