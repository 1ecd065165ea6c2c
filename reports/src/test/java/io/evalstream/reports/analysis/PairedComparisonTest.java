package io.evalstream.reports.analysis;

import static io.evalstream.reports.analysis.Samples.concat;
import static io.evalstream.reports.analysis.Samples.items;
import static io.evalstream.reports.analysis.Samples.repeat;
import static io.evalstream.reports.analysis.Samples.sample;
import static io.evalstream.reports.analysis.Samples.scores;
import static io.evalstream.contracts.Verdict.CORRECT;
import static io.evalstream.contracts.Verdict.ERROR;
import static io.evalstream.contracts.Verdict.INCORRECT;
import static io.evalstream.contracts.Verdict.JUDGED;
import static io.evalstream.contracts.Verdict.NO_ANSWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.reports.analysis.BenchmarkComparison.Counts;
import io.evalstream.reports.analysis.BenchmarkComparison.Direction;
import io.evalstream.reports.analysis.BenchmarkComparison.Method;
import io.evalstream.reports.analysis.BenchmarkComparison.Pairing;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.contracts.Verdict;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PairedComparisonTest {

    /**
     * 50 items: 30 both right, 10 A only (b), 2 B only (c), 8 neither; A's wrong answers include errors and
     * missing answers, which count as wrong.
     * accuracy A = 40/50 = 0.8, B = 32/50 = 0.64, B - A = (c - b)/n = -8/50 = -0.16;
     * se = sqrt(b + c - (b - c)^2/n)/n = sqrt(12 - 64/50)/50 = sqrt(10.72)/50 = 0.0654828;
     * 95% interval = -0.16 -+ 1.959964 * 0.0654828 = -0.16 -+ 0.1283440 = [-0.2883440, -0.0316560];
     * McNemar exact (b + c = 12): p = 2 * 79/4096 = 0.0385742.
     */
    @ParameterizedTest(name = "alpha={0}")
    @CsvSource(textBlock = """
            0.05, true,  LOSS
            0.01, false, NONE
            """)
    void accuraciesAreComparedWithMcNemarAndAPairedWaldInterval(double alpha, boolean significant,
            Direction direction) {
        Verdict[] a = concat(repeat(CORRECT, 30), repeat(CORRECT, 10), repeat(ERROR, 1), repeat(NO_ANSWER, 1),
                repeat(INCORRECT, 8));
        Verdict[] b = concat(repeat(CORRECT, 30), repeat(INCORRECT, 9), repeat(ERROR, 1), repeat(CORRECT, 2),
                repeat(NO_ANSWER, 8));

        BenchmarkComparison comparison = PairedComparison.compare("gsm8k", items("a", a), items("b", b),
                CompareOptions.of(alpha));

        assertThat(comparison.pairing()).isEqualTo(new Pairing(50, 0, 0));
        assertThat(comparison.counts()).isEqualTo(new Counts(30, 10, 2, 8));
        assertThat(comparison.estimate().scoreA()).isCloseTo(0.8, within(1e-12));
        assertThat(comparison.estimate().scoreB()).isCloseTo(0.64, within(1e-12));
        assertThat(comparison.estimate().difference()).isCloseTo(-0.16, within(1e-12));
        assertThat(comparison.estimate().ci95Low()).isCloseTo(-0.2883440, within(1e-6));
        assertThat(comparison.estimate().ci95High()).isCloseTo(-0.0316560, within(1e-6));
        assertThat(comparison.test().method()).isEqualTo(Method.MCNEMAR_EXACT);
        assertThat(comparison.test().pValue()).isCloseTo(0.03857421875, within(1e-12));
        assertThat(comparison.significant()).isEqualTo(significant);
        assertThat(comparison.direction()).isEqualTo(direction);
    }

    @Test
    void onlySamplesBothModelsHaveArePairedAndTheRestAreCounted() {
        Map<PairKey, GradedSample> a = items("a", repeat(CORRECT, 10));
        Map<PairKey, GradedSample> b = new HashMap<>();
        items("b", repeat(INCORRECT, 15)).forEach((key, sample) -> {
            if (Integer.parseInt(key.itemId().substring(5)) >= 5) {
                b.put(key, sample);
            }
        });
        // Same item, other variant or sample: not a pair.
        b.put(new PairKey("item-0", "terse", 0), sample("b", "gsm8k", INCORRECT));
        b.put(new PairKey("item-1", "default", 1), sample("b", "gsm8k", INCORRECT));

        BenchmarkComparison comparison = PairedComparison.compare("gsm8k", a, b, CompareOptions.of(0.05));

        assertThat(comparison.pairing()).isEqualTo(new Pairing(5, 5, 7));
        assertThat(comparison.counts()).isEqualTo(new Counts(0, 5, 0, 0));
        // b = 5, c = 0: p = 2/32 = 0.0625, not significant at 0.05.
        assertThat(comparison.test().pValue()).isCloseTo(0.0625, within(1e-12));
        assertThat(comparison.direction()).isEqualTo(Direction.NONE);
    }

    @Test
    void aModelComparedWithItselfDiffersNowhere() {
        Map<PairKey, GradedSample> a = items("a", concat(repeat(CORRECT, 7), repeat(INCORRECT, 5)));
        BenchmarkComparison comparison = PairedComparison.compare("gsm8k", a, a, CompareOptions.of(0.05));
        assertThat(comparison.test().pValue()).isEqualTo(1.0);
        assertThat(comparison.estimate().difference()).isZero();
        assertThat(comparison.estimate().ci95Low()).isZero();
        assertThat(comparison.estimate().ci95High()).isZero();
        assertThat(comparison.direction()).isEqualTo(Direction.NONE);
    }

    /**
     * A = [0.5, 0.6, 0.7, 0.8], B = [0.7, 0.7, 0.9, 1.0]: d = [0.2, 0.1, 0.2, 0.2], mean 0.175;
     * sum of squared deviations = 3 * 0.025^2 + 0.075^2 = 0.0075, variance = 0.0075/3 = 0.0025, sd = 0.05;
     * se = 0.05/2 = 0.025, t = 0.175/0.025 = 7.0 on 3 df; two-sided p = 2 * (1 - F3(7)) with
     * F3(t) = 1/2 + (x/(1 + x^2) + atan x)/pi, x = t/sqrt(3): p = 0.0059863;
     * 95% interval = 0.175 -+ t(3, 0.975) * 0.025 = 0.175 -+ 3.182446 * 0.025 = [0.0954388, 0.2545612].
     */
    @Test
    void partialScoresAreComparedWithAPairedTTest() {
        BenchmarkComparison comparison = PairedComparison.compare("squad", scores("a", 0.5, 0.6, 0.7, 0.8),
                scores("b", 0.7, 0.7, 0.9, 1.0), CompareOptions.of(0.05));

        assertThat(comparison.counts()).isNull();
        assertThat(comparison.estimate().scoreA()).isCloseTo(0.65, within(1e-12));
        assertThat(comparison.estimate().scoreB()).isCloseTo(0.825, within(1e-12));
        assertThat(comparison.estimate().difference()).isCloseTo(0.175, within(1e-12));
        assertThat(comparison.estimate().ci95Low()).isCloseTo(0.0954388, within(1e-6));
        assertThat(comparison.estimate().ci95High()).isCloseTo(0.2545612, within(1e-6));
        assertThat(comparison.test().method()).isEqualTo(Method.PAIRED_T);
        assertThat(comparison.test().statistic()).isCloseTo(7.0, within(1e-9));
        assertThat(comparison.test().pValue()).isCloseTo(0.0059862557, within(1e-9));
        assertThat(comparison.direction()).isEqualTo(Direction.GAIN);
    }

    @Test
    void aSinglePairOfPartialScoresHasNoTestAndNoInterval() {
        BenchmarkComparison comparison = PairedComparison.compare("squad", scores("a", 0.5), scores("b", 0.75),
                CompareOptions.of(0.05));
        assertThat(comparison.estimate().difference()).isEqualTo(0.25);
        assertThat(comparison.estimate().ci95Low()).isNull();
        assertThat(comparison.test().pValue()).isNull();
        assertThat(comparison.significant()).isFalse();
    }

    @Test
    void pairsThatAllDifferByTheSameAmountAreACertainDifference() {
        BenchmarkComparison same = PairedComparison.compare("squad", scores("a", 0.5, 0.25), scores("b", 0.5, 0.25),
                CompareOptions.of(0.05));
        BenchmarkComparison shifted = PairedComparison.compare("squad", scores("a", 0.5, 0.25),
                scores("b", 0.25, 0.0), CompareOptions.of(0.05));
        assertThat(same.test().pValue()).isEqualTo(1.0);
        assertThat(same.direction()).isEqualTo(Direction.NONE);
        assertThat(shifted.test().pValue()).isZero();
        assertThat(shifted.test().statistic()).isNull();
        assertThat(shifted.direction()).isEqualTo(Direction.LOSS);
    }

    @Test
    void judgedScoresOfOneAreNotTakenForRightAnswers() {
        Map<PairKey, GradedSample> a = Map.of(new PairKey("s1", "default", 0), sample("a", "stories", JUDGED, 1.0),
                new PairKey("s2", "default", 0), sample("a", "stories", JUDGED, 0.0));
        BenchmarkComparison comparison = PairedComparison.compare("stories", a, a, CompareOptions.of(0.05));
        assertThat(comparison.counts()).isNull();
        assertThat(comparison.test().method()).isEqualTo(Method.PAIRED_T);
    }

    @Test
    void aBenchmarkOnlyOneSideHasIsReportedWithNoTest() {
        BenchmarkComparison comparison = PairedComparison.compare("gsm8k", items("a", CORRECT, INCORRECT), Map.of(),
                CompareOptions.of(0.05));
        assertThat(comparison.pairing()).isEqualTo(new Pairing(0, 2, 0));
        assertThat(comparison.test().method()).isEqualTo(Method.NONE);
        assertThat(comparison.estimate().difference()).isNull();
        assertThat(comparison.direction()).isEqualTo(Direction.NONE);
    }
}
