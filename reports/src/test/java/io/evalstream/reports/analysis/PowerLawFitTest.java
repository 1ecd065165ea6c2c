package io.evalstream.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.reports.analysis.PowerLawFit.PowerLaw;
import io.evalstream.reports.analysis.PowerLawFit.Prediction;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recovering y = 2.5 * x^-0.3 from synthetic points. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PowerLawFitTest {

    private static final double A = 2.5;
    private static final double B = -0.3;
    /** x = 1, 2, 4, ..., 256. */
    private static final double[] X = IntStream.range(0, 9).mapToDouble(i -> Math.pow(2, i)).toArray();
    /** A deterministic multiplicative noise of at most 2%, mean about 1. */
    private static final double[] NOISE = {1.02, 0.985, 1.0, 0.98, 1.015, 1.01, 0.99, 1.02, 0.985};

    @Test
    void exactPointsGiveBackTheLawWithAPerfectFit() {
        PowerLawFit fit = PowerLawFit.fit(X, law(X, new double[X.length]));
        PowerLaw law = fit.parameters();
        assertThat(law.a()).isCloseTo(A, within(1e-12));
        assertThat(law.b()).isCloseTo(B, within(1e-12));
        assertThat(law.rSquared()).isCloseTo(1.0, within(1e-12));
        assertThat(law.aStdErr()).isCloseTo(0.0, within(1e-6));
        assertThat(law.bStdErr()).isCloseTo(0.0, within(1e-6));
        assertThat(law.points()).isEqualTo(9);
        Prediction prediction = fit.predict(4096);
        assertThat(prediction.y()).isCloseTo(A * Math.pow(4096, B), within(1e-12));
        assertThat(prediction.high() - prediction.low()).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void pointsWithSmallMultiplicativeNoiseGiveTheLawBackWithinItsErrors() {
        double[] lnNoise = java.util.Arrays.stream(NOISE).map(Math::log).toArray();
        PowerLawFit fit = PowerLawFit.fit(X, law(X, lnNoise));
        PowerLaw law = fit.parameters();
        assertThat(law.a()).isCloseTo(A, within(0.05));
        assertThat(law.b()).isCloseTo(B, within(0.005));
        assertThat(law.rSquared()).isGreaterThan(0.99);
        assertThat(law.aStdErr()).isPositive().isLessThan(0.05);
        assertThat(law.bStdErr()).isPositive().isLessThan(0.005);
        assertThat(Math.abs(law.b() - B)).isLessThan(3 * law.bStdErr());
        Prediction prediction = fit.predict(4096);
        double truth = A * Math.pow(4096, B);
        assertThat(prediction.y()).isCloseTo(truth, within(truth * 0.05));
        assertThat(prediction.low()).isLessThan(truth);
        assertThat(prediction.high()).isGreaterThan(truth);
        assertThat(prediction.high() / prediction.low()).isLessThan(1.15);
    }

    @Test
    void twoPointsGiveAnExactFitWithNoErrorsAndNoInterval() {
        PowerLawFit fit = PowerLawFit.fit(new double[] {1e22, 1e23}, new double[] {A * Math.pow(1e22, B),
                A * Math.pow(1e23, B)});
        PowerLaw law = fit.parameters();
        assertThat(law.a()).isCloseTo(A, within(1e-9));
        assertThat(law.b()).isCloseTo(B, within(1e-12));
        assertThat(law.aStdErr()).isNull();
        assertThat(law.bStdErr()).isNull();
        assertThat(law.points()).isEqualTo(2);
        Prediction prediction = fit.predict(1e24);
        assertThat(prediction.y()).isCloseTo(A * Math.pow(1e24, B), within(1e-12));
        assertThat(prediction.low()).isNull();
        assertThat(prediction.high()).isNull();
    }

    @ParameterizedTest(name = "x={0},{1} y={2},{3}")
    @CsvSource(textBlock = """
            0,    10,  0.5, 0.4,  must be positive
            -1,   10,  0.5, 0.4,  must be positive
            1,    10,  0,   0.4,  must be positive
            1,    10,  0.5, -0.4, must be positive
            NaN,  10,  0.5, 0.4,  must be positive
            1,    Infinity, 0.5, 0.4, must be positive
            10,   10,  0.5, 0.4,  two points with different x
            """)
    void pointsThatCannotBeFittedAreRejectedSayingWhy(double x1, double x2, double y1, double y2, String message) {
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {x1, x2}, new double[] {y1, y2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void oneOrMismatchedPointsAreRejected() {
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {1}, new double[] {1}))
                .hasMessageContaining("at least two points");
        assertThatThrownBy(() -> PowerLawFit.fit(new double[] {1, 2}, new double[] {1}))
                .hasMessageContaining("as many y as x");
        assertThatThrownBy(() -> PowerLawFit.fit(X, law(X, new double[X.length])).predict(0))
                .hasMessageContaining("positive");
    }

    /** y = A x^B exp(lnNoise). */
    private static double[] law(double[] x, double[] lnNoise) {
        return IntStream.range(0, x.length).mapToDouble(i -> A * Math.pow(x[i], B) * Math.exp(lnNoise[i])).toArray();
    }
}
