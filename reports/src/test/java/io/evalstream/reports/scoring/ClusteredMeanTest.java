package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Clustered standard errors (Miller 2024, eq. 4) against hand computations. With residuals r = x - mean, W = sum r^2,
 * e_c the sum of a cluster's residuals: naive SE^2 = W / (n - 1) / n and clustered SE^2 = (W / (n - 1) + sum e_c^2) / n^2.
 * <ul>
 * <li>{1,1} {0,0} {1,0}: mean 0.5, W = 1.5, naive 0.3/6 = 0.05; sum e^2 = 1 + 1 + 0 = 2; clustered (0.3 + 2)/36 =
 * 0.0638889, SE 0.2527625, design effect 1.2777778</li>
 * <li>{1,1,1} {0,0,0}: mean 0.5, naive 0.05; sum e^2 = 2.25 + 2.25; clustered (0.3 + 4.5)/36 = 0.1333333, SE
 * 0.3651484, design effect 2.6666667</li>
 * <li>{1} {0} {1} {1}: every value alone, clustered = naive: mean 0.75, W = 0.75, SE^2 = 0.25/4, SE 0.25, effect 1</li>
 * <li>{1,0} {1,0}: clusters that each hold the mean: sum e^2 = 0, clustered (1/3)/16, SE 0.1443376, naive 0.2886751,
 * design effect 0.25 (negative correlation within clusters)</li>
 * <li>{0.5,0.25} {1}: partial scores, mean 7/12, W = 0.2916667, naive 0.0486111, clustered (0.1458333 + 0.3402778)/9</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClusteredMeanTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            # clusters            ; n ; clusters ; mean ; naive SE  ; clustered SE ; design effect
            1 1 | 0 0 | 1 0       ; 6 ; 3        ; 0.5  ; 0.2236068 ; 0.2527625    ; 1.2777778
            1 1 1 | 0 0 0         ; 6 ; 2        ; 0.5  ; 0.2236068 ; 0.3651484    ; 2.6666667
            1 | 0 | 1 | 1         ; 4 ; 4        ; 0.75 ; 0.25      ; 0.25         ; 1.0
            1 0 | 1 0             ; 4 ; 2        ; 0.5  ; 0.2886751 ; 0.1443376    ; 0.25
            0.5 0.25 | 1          ; 3 ; 2        ; 0.5833333 ; 0.2204793 ; 0.2340597 ; 1.1269841
            """)
    void matchesHandComputedClusteredStandardErrors(String table, long n, long clusters, double mean, double naive,
            double clustered, double designEffect) {
        ClusteredMean result = ClusteredMean.of(ClusterTables.of(table));
        assertThat(result.n()).isEqualTo(n);
        assertThat(result.clusters()).isEqualTo(clusters);
        assertThat(result.mean()).isCloseTo(mean, within(1e-7));
        assertThat(result.naiveSe()).isCloseTo(naive, within(1e-7));
        assertThat(result.clusteredSe()).isCloseTo(clustered, within(1e-7));
        assertThat(result.designEffect()).isCloseTo(designEffect, within(1e-7));
    }

    @Test
    void oneValueHasAMeanButNoStandardError() {
        ClusteredMean result = ClusteredMean.of(ClusterTables.of("0.7"));
        assertThat(result.mean()).isEqualTo(0.7);
        assertThat(result.naiveSe()).isNull();
        assertThat(result.clusteredSe()).isNull();
        assertThat(result.designEffect()).isNull();
    }

    @Test
    void equalValuesHaveNoErrorAndNoDesignEffect() {
        ClusteredMean result = ClusteredMean.of(ClusterTables.of("1 1 | 1"));
        assertThat(result.clusteredSe()).isZero();
        assertThat(result.naiveSe()).isZero();
        assertThat(result.designEffect()).isNull();
    }

    @Test
    void negativeValuesSuchAsDifferencesAreClusteredToo() {
        ClusteredMean result = ClusteredMean.of(ClusterTables.of("-1 -1 | 1 1"));
        assertThat(result.mean()).isZero();
        // W = 4, naive 4/3/4 = 1/3; sum e^2 = 4 + 4; clustered (4/3 + 8)/16 = 0.5833333.
        assertThat(result.clusteredSe()).isCloseTo(Math.sqrt(28.0 / 3 / 16), within(1e-12));
    }

    @Test
    void noValueIsRefusedWithAMessage() {
        assertThatThrownBy(() -> ClusteredMean.of(List.of(Moments.EMPTY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one value");
    }
}
