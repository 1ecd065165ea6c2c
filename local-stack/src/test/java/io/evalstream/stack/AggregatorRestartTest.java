package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.RollupScore;
import io.evalstream.reports.scoring.RunReport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Everything the aggregator knows about a finished run (scores with intervals, errors by kind, latency
 * percentiles, tokens, category and overall rollups, pass@k, the gauges, the per-sample export) comes back the
 * same after it is killed with SIGKILL and replaced by one with an empty state directory: all of it is rebuilt
 * from the changelog topics.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@Tag("integration")
class AggregatorRestartTest extends SharedStack {

    @Test
    void aReplacedAggregatorServesTheSameReportGaugesAndSamples() throws Exception {
        String runId = "e2e-restart-" + System.currentTimeMillis();
        List<String> models = List.of("sim-strong", FLAKY_MODEL);
        List<String> benchmarks = List.of("gsm8k", "mmlu");
        HttpResponse<String> accepted = client.submit(RunSpecs.json(runId, models, benchmarks, 30,
                new SettingsOverrides(0, false, 0.7, null, 64, 7L, null), 2));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        RunReport live = client.awaitComplete(runId, Duration.ofMinutes(8), report -> { });
        // 2 models x 30 items of each sample x 2 samples: 240, from the spec and the files, not the report.
        long tasks = SampleItems.tasks(models, benchmarks, 30, 2);
        assertThat(Reports.expected(live)).isEqualTo(tasks);
        assertThat(Reports.graded(live)).isEqualTo(tasks);

        // The gauges follow the tallies once per commit, a moment after the report (which reads the tally store)
        // says COMPLETE: wait until they show every cell graded before taking them as the reference.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gauges(runId)).hasEntrySatisfying(
                "evalstream_run_eta_seconds{run=\"" + runId + "\"}", eta -> assertThat(eta).isEqualTo("0.0")));
        FullRunReport report = fullReport(runId);
        JsonNode before = ReportJson.withoutTimes(report);
        Map<String, String> gaugesBefore = gauges(runId);
        List<String> samplesBefore = samples(runId);
        assertThat(report.overall()).hasSize(2);
        assertThat(report.categories()).hasSize(4);
        assertThat(report.passAtK()).hasSize(4);
        RollupScore flaky = report.overall().getFirst();
        assertThat(flaky.modelId()).isEqualTo(FLAKY_MODEL);
        assertThat(flaky.calls().errorKinds()).as("a tenth of its calls fail: %s", flaky).isNotEmpty();
        assertThat(flaky.calls().latency().p99Millis()).isPositive();
        assertThat(Reports.cell(report, "sim-strong", "mmlu").orElseThrow().calls().tokens().promptTokens()).isPositive();
        assertThat(gaugesBefore).hasSizeGreaterThan(50).allSatisfy((series, value) -> {
            if (series.startsWith("evalstream_run_progress_ratio")) {
                assertThat(value).as(series).isEqualTo("1.0");
            }
        });
        assertThat(samplesBefore).hasSize((int) tasks)
                .allSatisfy(line -> assertThat(Json.mapper().readTree(line).path("prompt").asText()).isNotBlank());

        stack.replaceAggregator();

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(ReportJson.withoutTimes(fullReport(runId))).isEqualTo(before);
            assertThat(gauges(runId)).isEqualTo(gaugesBefore);
        });
        assertThat(samples(runId)).containsExactlyInAnyOrderElementsOf(samplesBefore);
    }

    private static FullRunReport fullReport(String runId) {
        return client.fullReport(runId).orElseThrow(() -> new AssertionError("no report of " + runId));
    }

    /** Every sample line of the run's Prometheus series, by series. */
    private static Map<String, String> gauges(String runId) {
        Map<String, String> series = new TreeMap<>();
        client.get(stack.aggregator("/q/metrics")).body().lines()
                .filter(line -> !line.startsWith("#") && line.contains("run=\"" + runId + "\""))
                .forEach(line -> {
                    int space = line.lastIndexOf(' ');
                    series.put(line.substring(0, space), line.substring(space + 1));
                });
        return series;
    }

    private static List<String> samples(String runId) {
        HttpResponse<String> response = client.get(stack.aggregator("/runs/" + runId + "/samples"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().lines().toList();
    }
}
