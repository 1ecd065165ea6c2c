package io.evalstream.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.reports.analysis.SequentialComparison.Decision;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sequential comparison by seeded simulation of two models answering GSM8K's 1,319 items one by one, looked at
 * after every item: a 10-point difference is decided, rightly, well before the end; equal models are not declared
 * different, and with a margin they are stopped as futile. Seen with these seeds: 60% vs 70%, 197 of 200 runs decide
 * B_BETTER (none A_BETTER), median stop at item 452; 65% vs 65%, 3 of 200 declared different; with a 10-point margin
 * 172 of 200 stop FUTILE, median at item 939.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SequentialComparisonTest {

    private static final int ITEMS = 1_319;
    private static final int RUNS = 200;

    /** Where each of {@link #RUNS} runs stopped (ITEMS when it never did) and what it decided. */
    private record Outcome(int[] stoppedAt, Decision[] decisions) {

        long count(Decision decision) {
            return Arrays.stream(decisions).filter(decision::equals).count();
        }

        int median() {
            int[] sorted = stoppedAt.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }

    @Test
    void aTenPointDifferenceIsDecidedRightlyWellBeforeAllItems() {
        Outcome outcome = simulate(0.6, 0.7, 0.0, 21);
        assertThat(outcome.count(Decision.B_BETTER)).isGreaterThanOrEqualTo(RUNS * 95L / 100);
        assertThat(outcome.count(Decision.A_BETTER)).isZero();
        assertThat(outcome.median()).isLessThan(ITEMS * 3 / 4);
    }

    @Test
    void equalModelsAreAlmostNeverDeclaredDifferent() {
        Outcome outcome = simulate(0.65, 0.65, 0.0, 22);
        assertThat(outcome.count(Decision.A_BETTER) + outcome.count(Decision.B_BETTER))
                .isLessThanOrEqualTo(RUNS * 5L / 100);
    }

    @Test
    void equalModelsStopAsFutileOnceNoTenPointDifferenceIsLeft() {
        Outcome outcome = simulate(0.65, 0.65, 0.1, 23);
        assertThat(outcome.count(Decision.FUTILE)).isGreaterThanOrEqualTo(RUNS * 75L / 100);
        assertThat(outcome.median()).isLessThan(ITEMS);
    }

    @ParameterizedTest(name = "aOnly {0} bOnly {1} of {2}: {3}")
    @CsvSource(textBlock = """
            0,  0,  0,    CONTINUE
            5,  40, 100,  B_BETTER
            40, 5,  100,  A_BETTER
            20, 22, 100,  CONTINUE
            100, 100, 2000, FUTILE
            """)
    void looksAtSmallTables(long aOnly, long bOnly, long pairs, Decision decision) {
        SequentialComparison.Look look = SequentialComparison.look(aOnly, bOnly, pairs, 0.05, 0.1);
        assertThat(look.decision()).isEqualTo(decision);
        assertThat(look.bWinShare().lower()).isLessThanOrEqualTo(look.bWinShare().upper());
    }

    @Test
    void countsThatDoNotAddUpAreRefused() {
        assertThatThrownBy(() -> SequentialComparison.look(5, 6, 10, 0.05, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aOnly + bOnly <= pairs");
        assertThatThrownBy(() -> SequentialComparison.look(0, 0, 10, 0.05, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("margin");
    }

    private static Outcome simulate(double accuracyA, double accuracyB, double margin, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] stoppedAt = new int[RUNS];
        Decision[] decisions = new Decision[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long aOnly = 0;
            long bOnly = 0;
            Decision decision = Decision.CONTINUE;
            int item = 0;
            while (decision == Decision.CONTINUE && item < ITEMS) {
                boolean a = random.nextDouble() < accuracyA;
                boolean b = random.nextDouble() < accuracyB;
                aOnly += a && !b ? 1 : 0;
                bOnly += b && !a ? 1 : 0;
                item++;
                decision = SequentialComparison.look(aOnly, bOnly, item, 0.05, margin).decision();
            }
            stoppedAt[run] = item;
            decisions[run] = decision;
        }
        return new Outcome(stoppedAt, decisions);
    }
}
