package io.evalstream.evalctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.reports.analysis.ModelComparison;
import io.evalstream.reports.render.ReportJson;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class ComparisonsTest {

    private static final String GSM8K_GAIN = """
            {"benchmarkId":"gsm8k","pairing":{"pairs":160,"unpairedA":0,"unpairedB":0},
             "estimate":{"scoreA":0.4,"scoreB":0.8,"difference":0.4,"ci95Low":0.3012,"ci95High":0.4988},
             "test":{"method":"MCNEMAR_CHI_SQUARE","statistic":40.1,"pValue":1.0E-9},
             "clustered":{"difference":{"n":160,"clusters":40,"mean":0.4,"naiveSe":0.0388,"clusteredSe":0.0612,
                          "designEffect":2.488},"ci95Low":0.28,"ci95High":0.52,"pValue":6.3E-11},
             "power":{"alpha":0.05,"power":0.9,"minimumDetectable":0.1985,"forDifference":0.05,"itemsNeeded":631},
             "adjustedPValue":1.26E-10,"significant":true,"direction":"GAIN"}""";
    private static final String MMLU_LOSS = """
            {"benchmarkId":"mmlu","pairing":{"pairs":160,"unpairedA":0,"unpairedB":0},
             "estimate":{"scoreA":0.8,"scoreB":0.5,"difference":-0.3,"ci95Low":-0.4,"ci95High":-0.2},
             "test":{"method":"MCNEMAR_EXACT","statistic":3.0,"pValue":0.0123},"significant":true,
             "direction":"LOSS"}""";
    private static final String MATH_SAME = """
            {"benchmarkId":"math","pairing":{"pairs":0,"unpairedA":3,"unpairedB":0},
             "estimate":{"scoreA":null,"scoreB":null,"difference":null,"ci95Low":null,"ci95High":null},
             "test":{"method":"NONE","statistic":null,"pValue":null},"significant":false,"direction":"NONE"}""";

    private static ModelComparison comparison(String gains, String losses, String... benchmarks) throws Exception {
        return ReportJson.mapper().readValue("""
                {"a":{"runId":"r1","modelId":"sim-v1"},"b":{"runId":"r2","modelId":"sim-v2"},"alpha":0.05,
                 "correction":"HOLM","clusterBy":"ITEM","benchmarks":[%s],"seesaw":{"seesaw":%s,"gains":[%s],"losses":[%s]}}"""
                .formatted(String.join(",", benchmarks), !gains.isEmpty() && !losses.isEmpty(), gains, losses),
                ModelComparison.class);
    }

    private static final String GAIN_SHIFT = "{\"benchmarkId\":\"gsm8k\",\"difference\":0.4,\"pValue\":1.0E-9}";
    private static final String LOSS_SHIFT = "{\"benchmarkId\":\"mmlu\",\"difference\":-0.3,\"pValue\":0.0123}";

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of(GAIN_SHIFT, LOSS_SHIFT, "SEESAW: B gains on gsm8k and loses on mmlu"),
                Arguments.of("", LOSS_SHIFT, "B is significantly worse on mmlu and better on none."),
                Arguments.of(GAIN_SHIFT, "", "B is significantly better on gsm8k and worse on none."),
                Arguments.of("", "", "No significant difference on any benchmark."));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("verdicts")
    void theLastLineSaysWhetherBIsASeesaw(String gains, String losses, String verdict) throws Exception {
        String table = Comparisons.table(comparison(gains, losses, GSM8K_GAIN, MMLU_LOSS));
        assertThat(table.strip().lines().reduce((first, second) -> second).orElseThrow()).startsWith(verdict);
    }

    @Test
    void eachBenchmarkRowHasBothScoresTheDifferenceInPointsItsIntervalPAndTest() throws Exception {
        String table = Comparisons.table(comparison(GAIN_SHIFT, LOSS_SHIFT, GSM8K_GAIN, MMLU_LOSS, MATH_SAME));
        assertThat(table).startsWith("B = sim-v2 (run r2) against A = sim-v1 (run r1), paired per sample, alpha 0.05");
        assertThat(table).contains("  gsm8k              160    40.0%    80.0%    +40.0  [+30.1, +49.9]      <0.001"
                + "  McNemar chi2 GAIN");
        assertThat(table).contains("  mmlu               160    80.0%    50.0%    -30.0  [-40.0, -20.0]       0.012"
                + "  McNemar exact LOSS");
        assertThat(table).contains("  math                 0        -        -        -  -                        -"
                + "  -");
    }

    @Test
    void theClusteredBlockGivesBothStandardErrorsTheDesignEffectAndTheAdjustedP() throws Exception {
        String table = Comparisons.table(comparison(GAIN_SHIFT, LOSS_SHIFT, GSM8K_GAIN, MMLU_LOSS));
        assertThat(table).contains("Clustered by item (Miller 2024");
        assertThat(table).contains("  gsm8k              160      40       3.9       6.1    2.49  [+28.0, +52.0]"
                + "      <0.001   <0.001");
        assertThat(table).contains("  mmlu               160       -         -         -       -  -");
        assertThat(table).contains("(p-values Holm-adjusted across 1 benchmarks: family-wise error alpha.)");
    }

    @Test
    void thePowerBlockGivesTheDetectableDifferenceAndTheItemsNeeded() throws Exception {
        String power = Comparisons.power(comparison(GAIN_SHIFT, LOSS_SHIFT, GSM8K_GAIN, MMLU_LOSS));
        assertThat(power).contains("Power at alpha 0.05 and 90.0%: the smallest |B - A| each benchmark detects, and"
                + " the items needed for +5.0 points");
        assertThat(power).contains("  gsm8k               40        19.9           631");
        assertThat(power).contains("  mmlu                 -           -             -");
    }

    @Test
    void lossesAndSeesawAreReadForTheExitCode() throws Exception {
        ModelComparison seesaw = comparison(GAIN_SHIFT, LOSS_SHIFT, GSM8K_GAIN, MMLU_LOSS);
        assertThat(Comparisons.seesaw(seesaw)).isTrue();
        assertThat(Comparisons.losses(seesaw)).containsExactly("mmlu");
        ModelComparison gainOnly = comparison(GAIN_SHIFT, "", GSM8K_GAIN);
        assertThat(Comparisons.seesaw(gainOnly)).isFalse();
        assertThat(Comparisons.losses(gainOnly)).isEmpty();
    }
}
