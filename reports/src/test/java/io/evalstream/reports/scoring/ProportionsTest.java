package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ProportionsTest {

    /** Bounds computed by hand from the Wilson formula with z = 1.959963985 (two-sided 95%). */
    @ParameterizedTest(name = "{0}/{1} -> [{2}, {3}]")
    @CsvSource(textBlock = """
            # correct, graded, lower,    upper
                    0,     10, 0.000000, 0.277533
                    5,     10, 0.236593, 0.763407
                   10,     10, 0.722467, 1.000000
                    1,      1, 0.206549, 1.000000
                    0,      1, 0.000000, 0.793451
                    1,      3, 0.061492, 0.792340
                   81,    100, 0.722212, 0.874852
                  999,   1000, 0.994357, 0.999823
            """)
    void wilsonIntervalMatchesTheHandComputedBounds(long correct, long graded, double lower, double upper) {
        Interval interval = Proportions.wilson95(correct, graded).orElseThrow();

        assertThat(interval.lower()).isCloseTo(lower, within(1e-6));
        assertThat(interval.upper()).isCloseTo(upper, within(1e-6));
        assertThat(interval.lower()).isGreaterThanOrEqualTo(0.0);
        assertThat(interval.upper()).isLessThanOrEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0}/{1} has an exact bound at the edge")
    @CsvSource(textBlock = """
            0,   5
            0,   7
            0, 1000
            5,   5
            7,   7
            """)
    void noneOrAllCorrectGivesABoundOfExactlyZeroOrOne(long correct, long graded) {
        Interval interval = Proportions.wilson95(correct, graded).orElseThrow();

        if (correct == 0) {
            assertThat(interval.lower()).isEqualTo(0.0);
        } else {
            assertThat(interval.upper()).isEqualTo(1.0);
        }
    }

    @Test
    void anEmptySampleHasNeitherRatioNorInterval() {
        assertThat(Proportions.ratio(0, 0)).isEmpty();
        assertThat(Proportions.wilson95(0, 0)).isEmpty();
    }

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource(textBlock = """
              0,   7, 0.0
              7,   7, 1.0
             81, 100, 0.81
              1,   3, 0.3333333333333333
            """)
    void ratioIsSuccessesOverTrials(long successes, long trials, double expected) {
        assertThat(Proportions.ratio(successes, trials)).hasValue(expected);
    }

    @ParameterizedTest(name = "{0}/{1} is refused")
    @CsvSource(textBlock = """
             -1, 10
             11, 10
              1,  0
            """)
    void refusesMoreSuccessesThanTrialsOrNegativeCounts(long successes, long trials) {
        assertThatThrownBy(() -> Proportions.wilson95(successes, trials))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("successes <= trials");
        assertThatThrownBy(() -> Proportions.ratio(successes, trials)).isInstanceOf(IllegalArgumentException.class);
    }
}
