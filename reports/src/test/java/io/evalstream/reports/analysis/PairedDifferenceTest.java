package io.evalstream.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.reports.scoring.ClusterTables;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Paired clustered differences against hand computations.
 * <ul>
 * <li>d = {1,0} {0,0} {1,1} {-1,0} (two samples of four items): mean 0.25, residuals .75 -.25 -.25 -.25 .75 .75
 * -1.25 -.25, W = 3.5, naive SE^2 = 0.5/8 = 0.0625; cluster residual sums .5 -.5 1.5 -1.5, sum e^2 = 5; clustered
 * SE^2 = (0.5 + 5)/64 = 0.0859375, SE 0.2931510, design effect 1.375; interval 0.25 -+ 1.959964 * 0.2931510 =
 * [-0.3245654, 0.8245654]; p = erfc(0.25 / 0.2931510 / sqrt 2) = 0.3937686</li>
 * <li>d = {1} {1} {1} {0}: one sample per item, naive = clustered: mean 0.75, SE^2 = 0.25/4, SE 0.25; interval
 * 0.75 -+ 0.4899910 = [0.2600090, 1.2399910] clipped to 1; p = erfc(3 / sqrt 2) = 0.0026998</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PairedDifferenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            # differences by cluster ; mean ; clustered SE ; design effect ; low        ; high      ; p
            1 0 | 0 0 | 1 1 | -1 0   ; 0.25 ; 0.2931510    ; 1.375         ; -0.3245654 ; 0.8245654 ; 0.3937686
            1 | 1 | 1 | 0            ; 0.75 ; 0.25         ; 1.0           ; 0.2600090  ; 1.0       ; 0.0026998
            """)
    void matchesHandComputedPairedIntervals(String table, double mean, double se, double designEffect, double low,
            double high, double p) {
        PairedDifference result = PairedDifference.of(ClusterTables.of(table));
        assertThat(result.difference().mean()).isCloseTo(mean, within(1e-7));
        assertThat(result.difference().clusteredSe()).isCloseTo(se, within(1e-7));
        assertThat(result.difference().designEffect()).isCloseTo(designEffect, within(1e-7));
        assertThat(result.ci95Low()).isCloseTo(low, within(1e-7));
        assertThat(result.ci95High()).isCloseTo(high, within(1e-7));
        assertThat(result.pValue()).isCloseTo(p, within(1e-7));
    }

    @Test
    void onePairHasADifferenceButNoInterval() {
        PairedDifference result = PairedDifference.of(ClusterTables.of("1"));
        assertThat(result.difference().mean()).isEqualTo(1.0);
        assertThat(result.ci95Low()).isNull();
        assertThat(result.pValue()).isNull();
    }

    @ParameterizedTest(name = "all pairs differ by {0}: p = {1}")
    @CsvSource({"0, 1.0", "1, 0.0", "-1, 0.0"})
    void pairsThatAllDifferAlikeAreCertain(double d, double p) {
        PairedDifference result = PairedDifference.of(ClusterTables.of(d + " " + d + " | " + d));
        assertThat(result.pValue()).isEqualTo(p);
        assertThat(result.ci95Low()).isEqualTo(d);
        assertThat(result.ci95High()).isEqualTo(d);
    }
}
