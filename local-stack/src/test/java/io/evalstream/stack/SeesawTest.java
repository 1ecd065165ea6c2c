package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.SettingsOverrides;
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

        JsonNode comparison = compare(runId, SEESAW_V1, SEESAW_V2);
        assertThat(comparison.path("seesaw").path("seesaw").asBoolean()).as("%s", comparison).isTrue();
        JsonNode gsm8k = benchmark(comparison, "gsm8k");
        JsonNode mmlu = benchmark(comparison, "mmlu");
        assertThat(gsm8k.path("pairing").path("pairs").asLong()).isEqualTo(ITEMS * SAMPLES);
        assertThat(gsm8k.path("direction").asText()).as("%s", gsm8k).isEqualTo("GAIN");
        assertThat(gsm8k.path("significant").asBoolean()).isTrue();
        assertThat(gsm8k.path("test").path("pValue").asDouble()).isLessThan(0.001);
        assertThat(mmlu.path("direction").asText()).as("%s", mmlu).isEqualTo("LOSS");
        assertThat(mmlu.path("significant").asBoolean()).isTrue();
        assertThat(mmlu.path("test").path("pValue").asDouble()).isLessThan(0.001);
        assertThat(comparison.path("seesaw").path("gains").get(0).path("benchmarkId").asText()).isEqualTo("gsm8k");
        assertThat(comparison.path("seesaw").path("losses").get(0).path("benchmarkId").asText()).isEqualTo("mmlu");

        JsonNode itself = compare(runId, SEESAW_V1, SEESAW_V1);
        assertThat(itself.path("seesaw").path("seesaw").asBoolean()).isFalse();
        assertThat(itself.path("benchmarks")).hasSize(2).allSatisfy(benchmark ->
                assertThat(benchmark.path("test").path("pValue").asDouble()).isEqualTo(1.0));
    }

    private static JsonNode compare(String runId, String a, String b) throws Exception {
        HttpResponse<String> response = client.get(stack.aggregator("/runs/" + runId + "/compare?a=" + a + "&b=" + b));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static JsonNode benchmark(JsonNode comparison, String benchmarkId) {
        for (JsonNode benchmark : comparison.path("benchmarks")) {
            if (benchmark.path("benchmarkId").asText().equals(benchmarkId)) {
                return benchmark;
            }
        }
        throw new AssertionError("no comparison on " + benchmarkId + " in " + comparison);
    }
}
