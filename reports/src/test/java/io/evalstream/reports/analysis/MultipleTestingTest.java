package io.evalstream.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Holm and Benjamini-Hochberg against hand computations (the same as R's {@code p.adjust}).
 * <ul>
 * <li>0.01 0.04 0.03 0.005, sorted 0.005 0.01 0.03 0.04. Holm: 4*0.005 = 0.02, 3*0.01 = 0.03, 2*0.03 = 0.06,
 * 1*0.04 = 0.04 raised to the running max 0.06. BH: 4*0.005/1 = 0.02, 4*0.01/2 = 0.02, 4*0.03/3 = 0.04,
 * 4*0.04/4 = 0.04, running min from the top.</li>
 * <li>0.04 0.04: Holm 0.08 0.08 (2*0.04, then max(0.08, 0.04)); BH 0.04 0.04 (min(2*0.04/1, 2*0.04/2)).</li>
 * <li>0.3 0.6 0.9: Holm 0.9 1 1 (3*0.3; 2*0.6 capped); BH 0.9 0.9 0.9 (3*0.3/1 = 0.9, 3*0.6/2 = 0.9, 0.9).</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MultipleTestingTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', textBlock = """
            HOLM               ; 0.01 0.04 0.03 0.005 ; 0.03 0.06 0.06 0.02
            BENJAMINI_HOCHBERG ; 0.01 0.04 0.03 0.005 ; 0.02 0.04 0.04 0.02
            NONE               ; 0.01 0.04 0.03 0.005 ; 0.01 0.04 0.03 0.005
            HOLM               ; 0.04 0.04            ; 0.08 0.08
            BENJAMINI_HOCHBERG ; 0.04 0.04            ; 0.04 0.04
            HOLM               ; 0.3 0.6 0.9          ; 0.9 1 1
            BENJAMINI_HOCHBERG ; 0.3 0.6 0.9          ; 0.9 0.9 0.9
            HOLM               ; 0.02                 ; 0.02
            BENJAMINI_HOCHBERG ; 0.02                 ; 0.02
            HOLM               ; 0 1                  ; 0 1
            """)
    void adjustsAsHandComputed(MultipleTesting method, String pValues, String adjusted) {
        Double[] result = method.adjust(numbers(pValues));
        List<Double> expected = numbers(adjusted);
        assertThat(result).hasSize(expected.size());
        for (int i = 0; i < result.length; i++) {
            assertThat(result[i]).isCloseTo(expected.get(i), within(1e-12));
        }
    }

    @Test
    void testsThatCouldNotRunStayOutOfTheFamily() {
        Double[] result = MultipleTesting.HOLM.adjust(Arrays.asList(0.01, null, 0.04));
        assertThat(result).containsExactly(0.02, null, 0.04);
        assertThat(MultipleTesting.BENJAMINI_HOCHBERG.adjust(List.of())).isEmpty();
    }

    @Test
    void aPValueOutsideTheUnitIntervalIsRefused() {
        assertThatThrownBy(() -> MultipleTesting.HOLM.adjust(List.of(0.2, 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1], got 1.5");
    }

    private static List<Double> numbers(String text) {
        return Arrays.stream(text.trim().split("\\s+")).map(Double::valueOf).toList();
    }
}
