package io.evalstream.worker.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class SimProfilesTest {

    private static final SimSettings MATH_WHIZ = new SimSettings(OptionalDouble.of(0.4), Map.of("gsm8k", 0.9),
            Map.of(Category.MATH, 0.7), Optional.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Map.of(),
            OptionalDouble.empty(), OptionalLong.of(7));

    @ParameterizedTest
    @CsvSource(textBlock = """
            # benchmark, category,  expected: benchmark over category over overall accuracy
            gsm8k,      MATH,       0.9
            math,       MATH,       0.7
            mmlu,       KNOWLEDGE,  0.4
            gsm8k,      KNOWLEDGE,  0.9
            """)
    void prefersBenchmarkAccuracyOverCategoryAccuracyOverAccuracy(String benchmark, Category category,
            double expected) {
        SimProfile profile = new SimProfiles(Map.of("math-whiz", MATH_WHIZ)).forModel("m", Optional.of("math-whiz"),
                SimSettings.NONE);

        assertThat(profile.accuracyFor(benchmark, category)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # profile, accuracy, no-answer rate, error rate, latency median (ms)
            default,   0.5,      0,              0,          0
            strong,    0.85,     0.02,           0,          0
            medium,    0.6,      0.05,           0,          0
            weak,      0.3,      0.1,            0,          0
            flaky,     0.6,      0.05,           0.2,        50
            slow,      0.6,      0.05,           0,          300
            """)
    void hasBuiltInProfiles(String name, double accuracy, double noAnswerRate, double errorRate, long latencyMillis) {
        SimProfile profile = new SimProfiles(Map.of()).forModel("m", Optional.of(name), SimSettings.NONE);

        assertThat(profile.accuracy()).isEqualTo(accuracy);
        assertThat(profile.noAnswerRate()).isEqualTo(noAnswerRate);
        assertThat(profile.errorRate()).isEqualTo(errorRate);
        assertThat(profile.latencyMedian()).isEqualTo(Duration.ofMillis(latencyMillis));
    }

    @Test
    void letsAModelOverrideAnyFieldOfItsProfileAndAConfiguredProfileChangeABuiltIn() {
        SimSettings slowerStrong = new SimSettings(OptionalDouble.empty(), Map.of(), Map.of(),
                Optional.of(Duration.ofMillis(120)), OptionalDouble.empty(), OptionalDouble.empty(), Map.of(),
                OptionalDouble.empty(), OptionalLong.empty());
        SimSettings own = new SimSettings(OptionalDouble.empty(), Map.of("mmlu", 0.5), Map.of(), Optional.empty(),
                OptionalDouble.of(0.0), OptionalDouble.empty(), Map.of(), OptionalDouble.empty(), OptionalLong.of(1));

        SimProfile profile = new SimProfiles(Map.of("strong", slowerStrong)).forModel("sim-strong",
                Optional.of("strong"), own);

        assertThat(profile).isEqualTo(new SimProfile(0.85, Map.of("mmlu", 0.5), Map.of(), Duration.ofMillis(120), 0,
                0, Map.of(), 0.02, 1));
    }

    @Test
    void keepsTheStrongMediumAndWeakModelsAsTheyWere() {
        SimProfiles profiles = new SimProfiles(Map.of());
        SimSettings seed1 = new SimSettings(OptionalDouble.empty(), Map.of(), Map.of(), Optional.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Map.of(), OptionalDouble.empty(), OptionalLong.of(1));

        assertThat(profiles.forModel("sim-strong", Optional.of("strong"), seed1))
                .isEqualTo(new SimProfile(0.85, Map.of(), Duration.ZERO, 0.5, 0, 0.02, 1));
    }

    @Test
    void seedsModelsWithoutASeedByTheirIdSoTheyDiffer() {
        SimProfiles profiles = new SimProfiles(Map.of());

        assertThat(profiles.forModel("a", Optional.empty(), SimSettings.NONE).seed())
                .isNotEqualTo(profiles.forModel("b", Optional.empty(), SimSettings.NONE).seed())
                .isEqualTo(profiles.forModel("a", Optional.empty(), SimSettings.NONE).seed());
    }

    @Test
    void refusesAnUnknownProfileNamingTheKnownOnes() {
        assertThatThrownBy(() -> new SimProfiles(Map.of("math-whiz", MATH_WHIZ)).forModel("m", Optional.of("genius"),
                SimSettings.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown sim profile 'genius'; known: [default, flaky, math-whiz, medium, slow, strong,"
                        + " weak] (define more under evalstream.worker.sim-profiles.<name>)");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # draw, expected kind with weights RATE_LIMITED 0.5, SERVER_ERROR 0.3, TIMEOUT 0.2
            0.0,    TIMEOUT
            0.19,   TIMEOUT
            0.2,    RATE_LIMITED
            0.69,   RATE_LIMITED
            0.71,   SERVER_ERROR
            0.9999, SERVER_ERROR
            """)
    void drawsErrorKindsByWeightInEnumOrder(double draw, ErrorKind expected) {
        SimProfile flaky = new SimProfiles(Map.of()).forModel("m", Optional.of("flaky"), SimSettings.NONE);

        assertThat(flaky.errorKind(draw)).isEqualTo(expected);
    }

    @Test
    void refusesAnErrorKindWeightBelowZeroAndACategoryAccuracyOutOfRange() {
        assertThatThrownBy(() -> new SimProfile(0.5, Map.of(), Map.of(), Duration.ZERO, 0, 0.1,
                Map.of(ErrorKind.TIMEOUT, -1.0), 0, 0)).hasMessageContaining("error-kinds.TIMEOUT");
        assertThatThrownBy(() -> new SimProfile(0.5, Map.of(), Map.of(Category.MATH, 1.5), Duration.ZERO, 0, 0,
                Map.of(), 0, 0)).hasMessageContaining("category-accuracy.MATH");
    }
}
