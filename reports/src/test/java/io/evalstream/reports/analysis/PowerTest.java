package io.evalstream.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.reports.scoring.ClusteredMean;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Minimum detectable differences and items needed, by hand: z_{0.975} = 1.959964, z_{0.8} = 0.841621, so the sum is
 * 2.801585 at alpha 0.05 and power 0.8; z_{0.995} + z_{0.9} = 2.575829 + 1.281552 = 3.857381.
 * <ul>
 * <li>SE 0.05 over 100 items: detectable 2.801585 * 0.05 = 0.1400792; for 0.1, (28.01585)^2 * 0.0025 * 100 = 196.22,
 * so 197 items; for -0.2 a quarter of that, 49.06, so 50; for 0.5, 7.85, so 8.</li>
 * <li>SE 0.02 over 400 items at alpha 0.01, power 0.9: detectable 0.0771476; for 0.05, (77.14762)^2 * 0.0004 * 400 =
 * 952.26, so 953.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PowerTest {

    @ParameterizedTest(name = "SE {0} over {1} items, alpha {2}, power {3}, for {5}")
    @CsvSource(textBlock = """
            0.05, 100, 0.05, 0.8, 0.1400792, 0.1,  197
            0.05, 100, 0.05, 0.8, 0.1400792, -0.2, 50
            0.05, 100, 0.05, 0.8, 0.1400792, 0.5,  8
            0.02, 400, 0.01, 0.9, 0.0771476, 0.05, 953
            """)
    void matchesHandComputedPower(double se, long items, double alpha, double power, double detectable,
            double difference, long needed) {
        ClusteredMean observed = new ClusteredMean(items, items, 0.1, se, se, 1.0);
        Power result = Power.of(observed, alpha, power, difference);
        assertThat(result.minimumDetectable()).isCloseTo(detectable, within(1e-7));
        assertThat(result.itemsNeeded()).isEqualTo(needed);
        assertThat(result.forDifference()).isEqualTo(difference);
    }

    @Test
    void clustersNotSamplesAreWhatIsCounted() {
        // 400 samples in 100 items with the same clustered SE need as many items as 100 independent samples.
        ClusteredMean clustered = new ClusteredMean(400, 100, 0.1, 0.03, 0.05, 2.78);
        assertThat(Power.of(clustered, 0.05, 0.8, 0.1).itemsNeeded()).isEqualTo(197);
    }

    @Test
    void withoutAStandardErrorNothingIsDetectable() {
        Power result = Power.of(new ClusteredMean(1, 1, 1.0, null, null, null), 0.05, 0.8, 0.1);
        assertThat(result.minimumDetectable()).isNull();
        assertThat(result.itemsNeeded()).isNull();
        assertThat(Power.of(new ClusteredMean(4, 4, 0.5, 0.1, 0.1, 1.0), 0.05, 0.8, null).itemsNeeded()).isNull();
    }

    @ParameterizedTest(name = "alpha {0} power {1} difference {2}")
    @CsvSource(textBlock = """
            0,    0.8, 0.1, alpha must be in (0, 1)
            0.05, 1,   0.1, power must be in (0, 1)
            0.05, 0.8, 0,   must be non-zero and in [-1, 1]
            0.05, 0.8, 2,   must be non-zero and in [-1, 1]
            """)
    void badLevelsAreRefusedWithAMessage(double alpha, double power, double difference, String message) {
        assertThatThrownBy(() -> Power.of(new ClusteredMean(4, 4, 0.5, 0.1, 0.1, 1.0), alpha, power, difference))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
