package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class EstimateTest {

    @ParameterizedTest(name = "[{0}, {1}] with stderr {2}: {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            0.2  | 0.8  | null  | ok
            0.5  | 0.5  | 0.0   | ok
            null | null | 0.1   | ok
            0.8  | 0.2  | null  | an interval needs both ends with low <= high
            0.2  | null | null  | an interval needs both ends with low <= high
            null | 0.8  | null  | an interval needs both ends with low <= high
            NaN  | 0.8  | null  | an interval needs both ends with low <= high
            0.2  | 0.8  | -0.1  | a standard error must be >= 0
            0.2  | 0.8  | NaN   | a standard error must be >= 0
            """)
    void anIntervalHasBothEndsInOrderAndAStandardErrorIsNeverNegative(Double low, Double high, Double stdErr,
            String expected) {
        if (expected.equals("ok")) {
            assertThat(new Estimate(0.5, stdErr, low, high).low()).isEqualTo(low);
        } else {
            assertThatThrownBy(() -> new Estimate(0.5, stdErr, low, high)).isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining(expected);
        }
    }

    @Test
    void nothingCountedIsNoEstimateWhateverTheOtherParts() {
        assertThat(Estimate.proportion(null, 0.1, 0.9)).isEqualTo(Estimate.NONE);
        assertThat(Estimate.mean(null, 0.1)).isEqualTo(Estimate.NONE);
        assertThat(Estimate.mean(0.4, null)).isEqualTo(new Estimate(0.4, null, null, null));
    }

    @Test
    void scoreEstimatesReadFromAndWriteToTheFlatFieldsTheyAlwaysHad() throws Exception {
        ScoreEstimates estimates = new ScoreEstimates(Estimate.proportion(0.8, 0.67, 0.89), Estimate.mean(0.81, 0.05));
        String json = Json.mapper().writeValueAsString(estimates);

        assertThat(json).isEqualTo("{\"accuracy\":0.8,\"ci95Low\":0.67,\"ci95High\":0.89,\"meanScore\":0.81,"
                + "\"meanScoreStdErr\":0.05}");
        assertThat(Json.mapper().readValue(json, ScoreEstimates.class)).isEqualTo(estimates);
        assertThat(Json.mapper().readValue("{}", ScoreEstimates.class)).isEqualTo(ScoreEstimates.NONE);
    }
}
