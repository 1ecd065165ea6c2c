package io.evalstream.reports.analysis;

import static io.evalstream.reports.analysis.Samples.concat;
import static io.evalstream.reports.analysis.Samples.items;
import static io.evalstream.reports.analysis.Samples.repeat;
import static io.evalstream.reports.analysis.Samples.sampledItems;
import static io.evalstream.contracts.Verdict.CORRECT;
import static io.evalstream.contracts.Verdict.INCORRECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.reports.analysis.BenchmarkComparison.Direction;
import io.evalstream.reports.analysis.ModelComparison.Side;
import io.evalstream.reports.render.ReportJson;
import io.evalstream.reports.scoring.GradedSample;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
                CompareOptions.of(0.05));

        assertThat(comparison.benchmarks()).extracting(BenchmarkComparison::benchmarkId)
                .containsExactly("arc", "gsm8k", "mmlu");
        assertThat(comparison.benchmarks()).extracting(BenchmarkComparison::direction)
                .containsExactly(Direction.NONE, Direction.GAIN, Direction.LOSS);
        assertThat(comparison.seesaw().seesaw()).isTrue();
        assertThat(comparison.seesaw().gains()).extracting(Seesaw.Shift::benchmarkId).containsExactly("gsm8k");
        assertThat(comparison.seesaw().gains().getFirst().difference()).isEqualTo(0.5);
        // Holm over three benchmarks: arc's p is 1, so gsm8k's and mmlu's 2/2^20 become 3 * 2/2^20.
        assertThat(comparison.seesaw().gains().getFirst().pValue()).isEqualTo(3 * 2.0 / (1 << 20));
        assertThat(comparison.correction()).isEqualTo(MultipleTesting.HOLM);
        assertThat(comparison.seesaw().losses()).extracting(Seesaw.Shift::benchmarkId).containsExactly("mmlu");
        assertThat(comparison.seesaw().losses().getFirst().difference()).isEqualTo(-0.5);
    }

    @Test
    void gainsAloneAreNoSeesaw() {
        Seesaw seesaw = ModelComparison.of(A, B, Map.of("gsm8k", WEAK, "mmlu", WEAK),
                Map.of("gsm8k", STRONG, "mmlu", STRONG), CompareOptions.of(0.05)).seesaw();
        assertThat(seesaw.seesaw()).isFalse();
        assertThat(seesaw.gains()).hasSize(2);
        assertThat(seesaw.losses()).isEmpty();
    }

    /** evalctl reads the aggregator's answer into this record: what it writes must read back as the same record. */
    @Test
    void aComparisonReadBackFromItsJsonIsTheSameRecord() throws Exception {
        Map<PairKey, GradedSample> weak = sampledItems("m", 3, concat(repeat(CORRECT, 10), repeat(INCORRECT, 30)));
        Map<PairKey, GradedSample> strong = sampledItems("m", 3, concat(repeat(CORRECT, 30), repeat(INCORRECT, 10)));
        CompareOptions sized = new CompareOptions(0.05, MultipleTesting.BENJAMINI_HOCHBERG, 0.9, 0.05,
                ClusterBy.ITEM, Map.of());
        ModelComparison comparison = ModelComparison.of(A, B, Map.of("gsm8k", weak, "mmlu", strong, "math", Map.of()),
                Map.of("gsm8k", strong, "mmlu", weak), sized);
        ObjectMapper json = ReportJson.mapper();

        ModelComparison read = json.readValue(json.writeValueAsString(comparison), ModelComparison.class);

        assertThat(read).isEqualTo(comparison);
        assertThat(read.benchmarks().getFirst().power().itemsNeeded()).isPositive();
        assertThat(read.benchmarks().getFirst().clustered().difference().designEffect()).isGreaterThan(1);
        assertThat(json.readTree(json.writeValueAsString(comparison)).path("benchmarks").path(0).has("decision"))
                .as("the decision is written flat").isFalse();
    }

    @Test
    void aModelAgainstItselfHasNoSeesawAndEveryPValueIsOne() {
        Map<String, Map<PairKey, GradedSample>> samples = Map.of("gsm8k", WEAK, "mmlu", STRONG);
        ModelComparison comparison = ModelComparison.of(A, A, samples, samples, CompareOptions.of(0.05));
        assertThat(comparison.seesaw().seesaw()).isFalse();
        assertThat(comparison.benchmarks()).allSatisfy(benchmark ->
                assertThat(benchmark.test().pValue()).isEqualTo(1.0));
    }

    /**
     * B gains on gsm8k and loses on mmlu with 6 discordant items each, all one way: exact McNemar p = 2/2^6 = 0.03125.
     * Holm doubles the smaller p-value of two (0.0625, no longer significant); Benjamini-Hochberg gives 2 * 0.03125 / 2
     * = 0.03125 to both; no correction leaves them.
     */
    @ParameterizedTest(name = "{0}: seesaw {1}")
    @CsvSource({"HOLM, false, 0.0625", "BENJAMINI_HOCHBERG, true, 0.03125", "NONE, true, 0.03125"})
    void theSeesawVerdictIsTakenOnAdjustedPValues(MultipleTesting correction, boolean seesaw, double adjusted) {
        Map<PairKey, GradedSample> low = items("m", concat(repeat(CORRECT, 4), repeat(INCORRECT, 6)));
        Map<PairKey, GradedSample> high = items("m", repeat(CORRECT, 10));
        ModelComparison comparison = ModelComparison.of(A, B, Map.of("gsm8k", low, "mmlu", high),
                Map.of("gsm8k", high, "mmlu", low),
                new CompareOptions(0.05, correction, 0.8, null, ClusterBy.ITEM, Map.of()));
        assertThat(comparison.seesaw().seesaw()).isEqualTo(seesaw);
        assertThat(comparison.benchmarks()).allSatisfy(benchmark -> {
            assertThat(benchmark.test().pValue()).isEqualTo(0.03125);
            assertThat(benchmark.adjustedPValue()).isEqualTo(adjusted);
        });
    }

    /**
     * Ten samples of each of four items; B is right on every sample of item-0 where A is wrong, and both are wrong on
     * the rest. McNemar counts 10 independent discordant pairs (p = 2/2^10), but they are one item: the clustered
     * difference is 0.25 with SE sqrt((7.5/39 + 75)/1600) = 0.21678, z = 1.1532, p = 0.2488, and the verdict is none.
     */
    @Test
    void samplesOfOneItemAreNotIndependentEvidence() {
        Map<PairKey, GradedSample> a = sampledItems("m", 10, repeat(INCORRECT, 4));
        Map<PairKey, GradedSample> b = sampledItems("m", 10, CORRECT, INCORRECT, INCORRECT, INCORRECT);
        BenchmarkComparison gsm8k = ModelComparison.of(A, B, Map.of("gsm8k", a), Map.of("gsm8k", b),
                CompareOptions.of(0.05)).benchmarks().getFirst();
        assertThat(gsm8k.test().pValue()).isEqualTo(2.0 / 1024);
        assertThat(gsm8k.clustered().difference().clusters()).isEqualTo(4);
        assertThat(gsm8k.clustered().difference().clusteredSe()).isCloseTo(0.21678, within(1e-5));
        assertThat(gsm8k.clustered().pValue()).isCloseTo(0.2488, within(1e-4));
        assertThat(gsm8k.adjustedPValue()).isEqualTo(gsm8k.clustered().pValue());
        assertThat(gsm8k.direction()).isEqualTo(Direction.NONE);
        assertThat(gsm8k.power().minimumDetectable()).isCloseTo(2.801585 * 0.21678, within(1e-4));
    }

    /**
     * The benchmark declares item-0..7 one passage and item-8..15 another; B is right where A is wrong on the first
     * passage's eight questions only. McNemar counts 8 discordant items (p = 2/2^8), but differences 1 x 8 | 0 x 8 are
     * two clusters: mean 0.5, clustered SE^2 = (4/15 + 4^2 + 4^2)/256 = 0.1260417, SE 0.3550235 (by item, the naive
     * 0.1290994), z = 1.408, p = 0.159.
     */
    @Test
    void declaredClustersFromTheManifestGroupItems() {
        Map<PairKey, GradedSample> a = items("m", repeat(INCORRECT, 16));
        Map<PairKey, GradedSample> b = items("m", concat(repeat(CORRECT, 8), repeat(INCORRECT, 8)));
        Map<String, String> passages = new HashMap<>();
        for (int item = 0; item < 16; item++) {
            passages.put("item-" + item, item < 8 ? "p1" : "p2");
        }
        ModelComparison declared = ModelComparison.of(A, B, Map.of("gsm8k", a), Map.of("gsm8k", b),
                new CompareOptions(0.05, MultipleTesting.HOLM, 0.8, null, ClusterBy.ITEM,
                        Map.of("gsm8k", passages)));
        ModelComparison byItem = ModelComparison.of(A, B, Map.of("gsm8k", a), Map.of("gsm8k", b),
                CompareOptions.of(0.05));

        assertThat(declared.declaredClusters()).containsExactly("gsm8k");
        assertThat(byItem.declaredClusters()).isEmpty();
        BenchmarkComparison gsm8k = declared.benchmarks().getFirst();
        assertThat(gsm8k.clustered().difference().clusters()).isEqualTo(2);
        assertThat(gsm8k.clustered().difference().clusteredSe()).isCloseTo(0.3550235, within(1e-7));
        assertThat(byItem.benchmarks().getFirst().clustered().difference().clusteredSe())
                .isCloseTo(0.1290994, within(1e-7));
        assertThat(gsm8k.direction()).isEqualTo(Direction.NONE);
        assertThat(byItem.benchmarks().getFirst().direction()).isEqualTo(Direction.GAIN);
    }

    @Test
    void anAlphaOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> ModelComparison.of(A, B, Map.of(), Map.of(), CompareOptions.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
    }
}
