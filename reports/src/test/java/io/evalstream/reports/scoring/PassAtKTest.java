package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PassAtKTest {

    @ParameterizedTest(name = "n={0} c={1} k={2} -> {3}")
    @CsvSource(textBlock = """
            # n,   c,   k, pass@k          (hand-computed: 1 - C(n-c, k) / C(n, k))
              1,   0,   1, 0.0
              1,   1,   1, 1.0
              5,   2,   1, 0.4
              5,   2,   2, 0.7
              5,   2,   3, 0.9
              5,   2,   4, 1.0
              5,   1,   5, 1.0
              4,   1,   2, 0.5
             10,   3,   5, 0.9166666666666666
             10,   0,   1, 0.0
             10,   0,  10, 0.0
             10,  10,   1, 1.0
             10,  10,  10, 1.0
             20,   1,  10, 0.5
            200,   3, 100, 0.8768844221105527
            200,   0, 100, 0.0
            200, 200, 100, 1.0
            200,   1,   1, 0.005
            """)
    void matchesHandComputedValues(int n, int c, int k, double expected) {
        assertThat(PassAtK.estimate(n, c, k)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void equalsTheExactCombinatorialFormulaForEverySmallCase() {
        for (int n = 1; n <= 16; n++) {
            for (int c = 0; c <= n; c++) {
                for (int k = 1; k <= n; k++) {
                    assertThat(PassAtK.estimate(n, c, k)).as("n=%d c=%d k=%d", n, c, k)
                            .isCloseTo(exact(n, c, k), within(1e-12));
                }
            }
        }
    }

    @Test
    void equalsTheShareOfAllKSubsetsThatHoldACorrectSampleCountedOneByOne() {
        for (int n = 1; n <= 10; n++) {
            for (int c = 0; c <= n; c++) {
                for (int k = 1; k <= n; k++) {
                    assertThat(PassAtK.estimate(n, c, k)).as("n=%d c=%d k=%d", n, c, k)
                            .isCloseTo(enumerated(n, c, k), within(1e-12));
                }
            }
        }
    }

    @Test
    void staysExactAtTheLargestSampleCountWhereBinomialsOverflowALong() {
        assertThat(binomial(200, 100).bitLength()).isGreaterThan(Long.SIZE);
        for (int c : new int[] {1, 3, 17, 99, 100, 101, 199}) {
            for (int k : new int[] {1, 10, 100, 150}) {
                assertThat(PassAtK.estimate(200, c, k)).as("c=%d k=%d", c, k).isCloseTo(exact(200, c, k), within(1e-12))
                        .isBetween(0.0, 1.0);
            }
        }
    }

    @ParameterizedTest(name = "n={0} c={1} k={2} is refused")
    @CsvSource(textBlock = """
            5, 6, 1
            5, -1, 1
            5, 2, 0
            5, 2, 6
            0, 0, 1
            """)
    void refusesCountsThatCannotDescribeAProblem(int n, int c, int k) {
        assertThatThrownBy(() -> PassAtK.estimate(n, c, k)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 <= c <= n and 1 <= k <= n");
    }

    /** Samples 0..c-1 are the correct ones; every k-subset of the n samples is one equally likely draw. */
    private static double enumerated(int n, int c, int k) {
        int draws = 0;
        int passing = 0;
        int correctMask = (1 << c) - 1;
        for (int subset = 0; subset < 1 << n; subset++) {
            if (Integer.bitCount(subset) == k) {
                draws++;
                passing += (subset & correctMask) != 0 ? 1 : 0;
            }
        }
        return (double) passing / draws;
    }

    /** 1 - C(n-c, k) / C(n, k) with exact integers; C(n-c, k) = 0 when n - c < k. */
    private static double exact(int n, int c, int k) {
        BigInteger failing = n - c < k ? BigInteger.ZERO : binomial(n - c, k);
        BigDecimal ratio = new BigDecimal(failing).divide(new BigDecimal(binomial(n, k)), MathContext.DECIMAL128);
        return BigDecimal.ONE.subtract(ratio).doubleValue();
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger result = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            result = result.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return result;
    }
}
