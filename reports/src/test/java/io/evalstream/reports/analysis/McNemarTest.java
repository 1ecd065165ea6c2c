package io.evalstream.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.reports.analysis.McNemar.Method;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * McNemar's test against p-values computed by hand.
 *
 * <p>Exact rows (b + c < 25): p = min(1, 2 * sum_{k <= min(b,c)} C(b+c, k) / 2^(b+c)).
 * <ul>
 * <li>b=10, c=2: n=12, C(12,0)+C(12,1)+C(12,2) = 1+12+66 = 79; p = 2*79/4096 = 0.03857421875</li>
 * <li>b=0, c=6: n=6, C(6,0) = 1; p = 2/64 = 0.03125</li>
 * <li>b=3, c=9: n=12, 1+12+66+220 = 299; p = 598/4096 = 0.14599609375</li>
 * <li>b=20, c=4: n=24, 1+24+276+2024+10626 = 12951; p = 25902/16777216 = 0.0015438795089721680</li>
 * <li>b=5, c=5: n=10, 1+10+45+120+210+252 = 638; 2*638/1024 > 1, so p = 1</li>
 * <li>b=12, c=12: n=24, the lower half and the middle is more than 1/2 of the mass, so p = 1</li>
 * <li>b=1, c=0: n=1, P(X<=0) = 1/2; p = 1</li>
 * <li>b=0, c=0: no discordant pair, p = 1 by definition</li>
 * </ul>
 * Chi-square rows (b + c >= 25): x = (|b-c| - 1)^2 / (b+c); p = P(chi2(1) > x) = 2 * (1 - Phi(sqrt(x))).
 * <ul>
 * <li>b=30, c=12: x = 17^2/42 = 289/42 = 6.880952; sqrt = 2.623157; 2*(1 - Phi) = 2*0.00435596 = 0.00871191</li>
 * <li>b=13, c=12: n=25 is the first chi-square count; x = (1-1)^2/25 = 0; p = 1</li>
 * <li>b=25, c=0: x = 24^2/25 = 23.04; sqrt = 4.8; 2*(1 - Phi(4.8)) = 2*7.9333e-7 = 1.58666e-6</li>
 * <li>b=100, c=50: x = 49^2/150 = 2401/150 = 16.006667; sqrt = 4.000833; p = 6.31198e-5</li>
 * <li>b=40, c=60: x = 19^2/100 = 3.61; sqrt = 1.9; 2*(1 - Phi(1.9)) = 2*0.0287166 = 0.0574331</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class McNemarTest {

    @ParameterizedTest(name = "b={0} c={1}")
    @CsvSource(textBlock = """
            # b,  c,  method,     statistic,  p
            10,   2,  EXACT,      2,          0.03857421875
            0,    6,  EXACT,      0,          0.03125
            3,    9,  EXACT,      3,          0.14599609375
            20,   4,  EXACT,      4,          0.0015438795089721680
            5,    5,  EXACT,      5,          1.0
            12,   12, EXACT,      12,         1.0
            1,    0,  EXACT,      0,          1.0
            0,    0,  EXACT,      0,          1.0
            30,   12, CHI_SQUARE, 6.880952381, 0.008711913
            13,   12, CHI_SQUARE, 0,          1.0
            25,   0,  CHI_SQUARE, 23.04,      1.5866563e-6
            100,  50, CHI_SQUARE, 16.00666667, 6.3119828e-5
            40,   60, CHI_SQUARE, 3.61,       0.05743312
            """)
    void matchesTheHandComputedPValue(long b, long c, Method method, double statistic, double p) {
        McNemar.Result result = McNemar.test(b, c);
        assertThat(result.method()).isEqualTo(method);
        assertThat(result.statistic()).isCloseTo(statistic, within(1e-8));
        assertThat(result.pValue()).isCloseTo(p, within(Math.max(1e-12, p * 1e-7)));
    }

    @Test
    void isSymmetricInTheTwoDiscordantCounts() {
        assertThat(McNemar.test(2, 10).pValue()).isEqualTo(McNemar.test(10, 2).pValue());
        assertThat(McNemar.test(12, 30).pValue()).isEqualTo(McNemar.test(30, 12).pValue());
    }

    @Test
    void theChiSquareTailAgreesWithTheDistributionAndStaysPositiveWhereOneMinusTheCdfRoundsToZero() {
        double x = McNemar.test(60, 20).statistic();
        assertThat(McNemar.test(60, 20).pValue())
                .isCloseTo(1 - new ChiSquaredDistribution(1).cumulativeProbability(x), within(1e-12));
        assertThat(McNemar.test(150, 0).pValue()).isPositive().isLessThan(1e-30);
    }

    @Test
    void negativeCountsAreRejected() {
        assertThatThrownBy(() -> McNemar.test(-1, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b=-1");
    }
}
