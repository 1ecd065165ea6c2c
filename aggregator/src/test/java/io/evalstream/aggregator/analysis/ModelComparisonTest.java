package io.evalstream.aggregator.analysis;

import static io.evalstream.aggregator.analysis.Samples.concat;
import static io.evalstream.aggregator.analysis.Samples.items;
import static io.evalstream.aggregator.analysis.Samples.repeat;
import static io.evalstream.contracts.Verdict.CORRECT;
import static io.evalstream.contracts.Verdict.INCORRECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.aggregator.analysis.BenchmarkComparison.Direction;
import io.evalstream.aggregator.analysis.ModelComparison.Side;
import io.evalstream.aggregator.scoring.GradedSample;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Comparisons across benchmarks and the seesaw flag (GPT-Fathom: gains on some benchmarks, losses on others). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ModelComparisonTest {

    private static final Side A = new Side("run-1", "v1");
    private static final Side B = new Side("run-1", "v2");
    // 40 items, 20 discordant all one way: exact p = 2 / 2^20, far below 0.05.
    private static final Map<PairKey, GradedSample> WEAK = items("m", concat(repeat(CORRECT, 10),
            repeat(INCORRECT, 30)));
    private static final Map<PairKey, GradedSample> STRONG = items("m", concat(repeat(CORRECT, 30),
            repeat(INCORRECT, 10)));

    @Test
    void aSignificantGainOnOneBenchmarkAndASignificantLossOnAnotherIsASeesaw() {
        ModelComparison comparison = ModelComparison.of(A, B,
                Map.of("gsm8k", WEAK, "mmlu", STRONG, "arc", WEAK), Map.of("gsm8k", STRONG, "mmlu", WEAK, "arc", WEAK),
                0.05);

        assertThat(comparison.benchmarks()).extracting(BenchmarkComparison::benchmarkId)
                .containsExactly("arc", "gsm8k", "mmlu");
        assertThat(comparison.benchmarks()).extracting(BenchmarkComparison::direction)
                .containsExactly(Direction.NONE, Direction.GAIN, Direction.LOSS);
        assertThat(comparison.seesaw().seesaw()).isTrue();
        assertThat(comparison.seesaw().gains()).extracting(Seesaw.Shift::benchmarkId).containsExactly("gsm8k");
        assertThat(comparison.seesaw().gains().getFirst().difference()).isEqualTo(0.5);
        assertThat(comparison.seesaw().gains().getFirst().pValue()).isEqualTo(2.0 / (1 << 20));
        assertThat(comparison.seesaw().losses()).extracting(Seesaw.Shift::benchmarkId).containsExactly("mmlu");
        assertThat(comparison.seesaw().losses().getFirst().difference()).isEqualTo(-0.5);
    }

    @Test
    void gainsAloneAreNoSeesaw() {
        Seesaw seesaw = ModelComparison.of(A, B, Map.of("gsm8k", WEAK, "mmlu", WEAK),
                Map.of("gsm8k", STRONG, "mmlu", STRONG), 0.05).seesaw();
        assertThat(seesaw.seesaw()).isFalse();
        assertThat(seesaw.gains()).hasSize(2);
        assertThat(seesaw.losses()).isEmpty();
    }

    @Test
    void aModelAgainstItselfHasNoSeesawAndEveryPValueIsOne() {
        Map<String, Map<PairKey, GradedSample>> samples = Map.of("gsm8k", WEAK, "mmlu", STRONG);
        ModelComparison comparison = ModelComparison.of(A, A, samples, samples, 0.05);
        assertThat(comparison.seesaw().seesaw()).isFalse();
        assertThat(comparison.benchmarks()).allSatisfy(benchmark ->
                assertThat(benchmark.test().pValue()).isEqualTo(1.0));
    }

    @Test
    void anAlphaOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> ModelComparison.of(A, B, Map.of(), Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
    }
}
