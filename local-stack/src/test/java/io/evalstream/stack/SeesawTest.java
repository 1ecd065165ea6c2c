package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.reports.analysis.BenchmarkComparison;
import io.evalstream.reports.analysis.BenchmarkComparison.Direction;
import io.evalstream.reports.analysis.ModelComparison;
import io.evalstream.reports.analysis.Seesaw;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seesaw of GPT-Fathom on the whole stack: a simulated "v2" that gains on gsm8k (0.4 → 0.8) and loses on mmlu
 * (0.8 → 0.5) against "v1", compared by the aggregator with McNemar's test on the same items.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@Tag("integration")
class SeesawTest extends SharedStack {

    /** The built-in gsm8k sample has 40 items: 4 samples each (at temperature 0.7) give 160 pairs per benchmark. */
    private static final int ITEMS = 40;
    private static final int SAMPLES = 4;

    @Test
    void aModelThatGainsOnOneBenchmarkAndLosesOnAnotherIsFlaggedAsASeesaw() throws Exception {
        String runId = "e2e-seesaw-" + System.currentTimeMillis();
        HttpResponse<String> accepted = client.submit(RunSpecs.json(runId, List.of(SEESAW_V1, SEESAW_V2),
                List.of("gsm8k", "mmlu"), ITEMS, new SettingsOverrides(0, false, 0.7, null, 64, 7L, null), SAMPLES));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        client.awaitComplete(runId, Duration.ofMinutes(8), report -> { });

        ModelComparison comparison = compare(runId, SEESAW_V1, SEESAW_V2);
        assertThat(comparison.seesaw().seesaw()).as("%s", comparison).isTrue();
        BenchmarkComparison gsm8k = benchmark(comparison, "gsm8k");
        BenchmarkComparison mmlu = benchmark(comparison, "mmlu");
        assertThat(gsm8k.pairing().pairs()).isEqualTo(ITEMS * SAMPLES);
        assertThat(gsm8k.direction()).as("%s", gsm8k).isEqualTo(Direction.GAIN);
        assertThat(gsm8k.significant()).isTrue();
        assertThat(gsm8k.test().pValue()).isLessThan(0.001);
        assertThat(mmlu.direction()).as("%s", mmlu).isEqualTo(Direction.LOSS);
        assertThat(mmlu.significant()).isTrue();
        assertThat(mmlu.test().pValue()).isLessThan(0.001);
        assertThat(comparison.seesaw().gains()).extracting(Seesaw.Shift::benchmarkId).containsExactly("gsm8k");
        assertThat(comparison.seesaw().losses()).extracting(Seesaw.Shift::benchmarkId).containsExactly("mmlu");

        ModelComparison itself = compare(runId, SEESAW_V1, SEESAW_V1);
        assertThat(itself.seesaw().seesaw()).isFalse();
        assertThat(itself.benchmarks()).hasSize(2).allSatisfy(benchmark ->
                assertThat(benchmark.test().pValue()).isEqualTo(1.0));
    }

    private static ModelComparison compare(String runId, String a, String b) {
        return client.compare(runId, a, b).orElseThrow(() -> new AssertionError("the aggregator did not compare "
                + a + " and " + b + " in run " + runId));
    }

    private static BenchmarkComparison benchmark(ModelComparison comparison, String benchmarkId) {
        return comparison.benchmarks().stream().filter(benchmark -> benchmark.benchmarkId().equals(benchmarkId))
                .findFirst().orElseThrow(() -> new AssertionError("no comparison on " + benchmarkId + " in "
                        + comparison));
    }
}
