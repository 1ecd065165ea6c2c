package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.apache.commons.math3.special.Beta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The beta-binomial confidence sequence: its ends are where the mixture martingale reaches 1/alpha, and by seeded
 * simulation it covers the true mean at every look of a run in at least 95% of runs, where a 95% Wilson interval
 * looked at as often does not.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfidenceSequenceTest {

    private static final int RUNS = 1_000;
    private static final int LOOKS = 300;

    @ParameterizedTest(name = "{0} of {1}, alpha {2}")
    @CsvSource(textBlock = """
            50,   100,  0.05
            3,    10,   0.05
            1,    2,    0.05
            700,  1000, 0.05
            30.5, 40,   0.05
            90,   100,  0.01
            5,    100,  0.2
            """)
    void endsAreWhereTheMixtureMartingaleReachesOneOverAlpha(double sum, long n, double alpha) {
        Interval interval = ConfidenceSequence.interval(sum, n, alpha);
        assertThat(logMartingale(sum, n, interval.lower())).isCloseTo(Math.log(1 / alpha), within(1e-6));
        assertThat(logMartingale(sum, n, interval.upper())).isCloseTo(Math.log(1 / alpha), within(1e-6));
        assertThat(interval.lower()).isLessThan(sum / n);
        assertThat(interval.upper()).isGreaterThan(sum / n);
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource(textBlock = """
            0,   0,   0.0,        1.0
            0,   10,  0.0,        0.4169
            10,  10,  0.5831,     1.0
            """)
    void emptyAllWrongAndAllRightRunsReachTheEdges(long successes, long n, double lower, double upper) {
        Interval interval = ConfidenceSequence.interval(successes, n, 0.05);
        assertThat(interval.lower()).isCloseTo(lower, within(1e-4));
        assertThat(interval.upper()).isCloseTo(upper, within(1e-4));
    }

    @Test
    void isWiderThanWilsonAtTheSameLookAndNarrowsAsScoresArrive() {
        double previous = 1;
        for (int n : new int[] {10, 100, 1_000, 10_000, 100_000}) {
            Interval sequence = ConfidenceSequence.interval(0.6 * n, n, 0.05);
            Interval wilson = Proportions.wilson95(Math.round(0.6 * n), n).orElseThrow();
            double width = sequence.upper() - sequence.lower();
            assertThat(width).isGreaterThan(wilson.upper() - wilson.lower()).isLessThan(previous);
            previous = width;
        }
        assertThat(previous).isLessThan(0.015);
    }

    @Test
    void mirrorsWhenRightAndWrongSwap() {
        Interval right = ConfidenceSequence.interval(30, 100, 0.05);
        Interval wrong = ConfidenceSequence.interval(70, 100, 0.05);
        assertThat(right.lower()).isCloseTo(1 - wrong.upper(), within(1e-12));
        assertThat(right.upper()).isCloseTo(1 - wrong.lower(), within(1e-12));
    }

    @ParameterizedTest(name = "sum {0} of {1}, alpha {2}")
    @CsvSource(delimiter = ';', textBlock = """
            11 ; 10 ; 0.05 ; sum 11.0 over n 10
            -1 ; 10 ; 0.05 ; sum -1.0 over n 10
            0  ; -1 ; 0.05 ; sum 0.0 over n -1
            1  ; 10 ; 0    ; alpha must be in (0, 1), got 0.0
            1  ; 10 ; 1    ; alpha must be in (0, 1), got 1.0
            """)
    void badInputIsRefusedWithAMessage(double sum, long n, double alpha, String message) {
        assertThatThrownBy(() -> ConfidenceSequence.interval(sum, n, alpha))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    /**
     * 1,000 seeded runs of 300 scores, the interval looked at after every score: the sequence must hold the truth at
     * all 300 looks in 950 runs or more; Wilson's, looked at as often, must not. Partial-credit scores (uniform on
     * [0, 2 mean]) check the bound for scores in [0, 1] that are not 0 or 1.
     */
    @ParameterizedTest(name = "mean {0}, partial credit {1}")
    @CsvSource(textBlock = """
            0.5, false
            0.2, false
            0.9, false
            0.3, true
            """)
    void coversTheTruthAtEveryLookWhereWilsonDoesNot(double mean, boolean partial) {
        SplittableRandom random = new SplittableRandom(20261207L + Math.round(mean * 100));
        DoubleSupplier score = partial ? () -> random.nextDouble(2 * mean)
                : () -> random.nextDouble() < mean ? 1.0 : 0.0;
        int sequenceCovered = 0;
        int wilsonCovered = 0;
        for (int run = 0; run < RUNS; run++) {
            double sum = 0;
            boolean sequenceHeld = true;
            boolean wilsonHeld = true;
            for (int look = 1; look <= LOOKS; look++) {
                sum += score.getAsDouble();
                sequenceHeld &= contains(ConfidenceSequence.interval(sum, look, 0.05), mean);
                wilsonHeld &= contains(Proportions.wilson95(Math.round(sum), look).orElseThrow(), mean);
            }
            sequenceCovered += sequenceHeld ? 1 : 0;
            wilsonCovered += wilsonHeld ? 1 : 0;
        }
        assertThat(sequenceCovered).isGreaterThanOrEqualTo(950);
        if (!partial) {
            assertThat(wilsonCovered).isLessThan(950);
        }
    }

    private static boolean contains(Interval interval, double value) {
        return interval.lower() <= value && value <= interval.upper();
    }

    /** log M_t(p) written out: log B(1 + S, 1 + t - S) - log B(1, 1) - S log p - (t - S) log(1 - p). */
    private static double logMartingale(double sum, long n, double p) {
        return Beta.logBeta(1 + sum, 1 + n - sum) - Beta.logBeta(1, 1) - sum * Math.log(p)
                - (n - sum) * Math.log(1 - p);
    }
}
