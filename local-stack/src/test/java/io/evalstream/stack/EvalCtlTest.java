package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Json;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.render.ReportJson;
import io.evalstream.reports.scoring.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code evalctl} (as {@code ./run evalctl} starts it) drives the local stack as a user does: submit a
 * YAML spec, watch the run to completion, save and print reports, compare two model versions, push tasks from a
 * JSON Lines file, list runs; and bad input gets its exit code and a message that says what to fix.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@Tag("integration")
class EvalCtlTest extends SharedStack {

    private static final List<String> CELL_FIGURES = List.of("category", "graded", "correct", "incorrect", "noAnswer",
            "errors", "accuracy", "ci95Low", "ci95High", "meanScore", "meanScoreStdErr");
    /** A category roll-up's figures; its progress differs offline, where no expected count is known. */
    private static final List<String> ROLLUP_FIGURES = List.of("benchmarks", "graded", "correct", "incorrect",
            "noAnswer", "errors", "accuracy", "ci95Low", "ci95High", "meanScore", "meanScoreStdErr", "benchmarkMean",
            "benchmarkMeanStdErr");

    @TempDir
    Path dir;

    private CommandLine.Result evalctl(String... args) throws IOException, InterruptedException {
        return evalctlWithToken(stack.token().value(), args);
    }

    /** evalctl with {@code EVALSTREAM_TOKEN} set to {@code token}, as a user exports it. */
    private CommandLine.Result evalctlWithToken(String token, String... args) throws IOException, InterruptedException {
        return EvalCtl.run(stack, dir, token, args);
    }

    @Test
    void evalctlSubmitsWatchesReportsAndComparesARun() throws Exception {
        String runId = "e2e-evalctl-" + System.currentTimeMillis();
        Path spec = Files.writeString(dir.resolve("seesaw.yaml"), """
                runId: placeholder
                models: [%s, %s]
                benchmarks:
                  - id: gsm8k
                    limit: 40
                  - id: mmlu
                    limit: 40
                samplesPerItem: 4
                settings: {shots: 0, temperature: 0.7, maxTokens: 64, seed: 7}
                """.formatted(SEESAW_V1, SEESAW_V2));

        CommandLine.Result submitted = evalctl("submit", spec.toString(), "--run-id", runId);
        assertThat(submitted.exitCode()).as(submitted.describe()).isZero();
        assertThat(submitted.output()).contains("Run " + runId + " accepted: 640 tasks published.")
                .containsPattern("gsm8k +default +[0-9a-f]{8,}");

        CommandLine.Result watched = evalctl("watch", runId, "--interval", "300ms", "--timeout", "5m");
        assertThat(watched.exitCode()).as(watched.describe()).isZero();
        assertThat(watched.output()).contains("Progress: 640 of 640 graded")
                .contains("Run " + runId + " is complete: 640 of 640 tasks graded.")
                .containsPattern(SEESAW_V1 + " +gsm8k +\\[#{24}\\] +160/160")
                .containsPattern(SEESAW_V2 + " +mmlu +\\d+\\.\\d% +\\[");
        RunReport live = client.report(runId).orElseThrow();
        assertThat(Reports.isComplete(live)).isTrue();

        Path html = dir.resolve("report.html");
        CommandLine.Result saved = evalctl("report", runId, "-o", html.toString());
        assertThat(saved.exitCode()).as(saved.describe()).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains(runId).contains(SEESAW_V2);
        CommandLine.Result csv = evalctl("report", runId, "--format", "csv");
        assertThat(csv.exitCode()).as(csv.describe()).isZero();
        assertThat(csv.output().lines().filter(line -> line.contains(SEESAW_V1) && line.contains("gsm8k"))).isNotEmpty();

        // Offline == online: the run's per-sample export, rendered by evalctl with the reports library, gives every
        // cell the figures the aggregator's report gives.
        Path export = Files.writeString(dir.resolve("export.jsonl"),
                client.get(stack.aggregator("/runs/" + runId + "/samples")).body());
        Path offlineJson = dir.resolve("offline.json");
        CommandLine.Result offline = evalctl("report", "--from", export.toString(), "-o", offlineJson.toString());
        assertThat(offline.exitCode()).as(offline.describe()).isZero();
        JsonNode fromExport = Json.mapper().readTree(offlineJson.toFile());
        // Written back the aggregator's way and parsed again, so both trees hold numbers as parsed JSON does.
        JsonNode fromAggregator = Json.mapper().readTree(
                ReportJson.mapper().writeValueAsString(client.fullReport(runId).orElseThrow()));
        assertThat(cells(fromExport)).hasSize(4).isEqualTo(cells(fromAggregator));
        assertThat(fromExport.path("passAtK")).isNotEmpty().isEqualTo(fromAggregator.path("passAtK"));
        // Lines carry their grade's category and subset: the category roll-ups and the subset and group scores are
        // the aggregator's too.
        assertThat(rollups(fromExport)).hasSize(4).isEqualTo(rollups(fromAggregator));
        assertThat(fromExport.path("subsets")).isNotEmpty().isEqualTo(fromAggregator.path("subsets"));
        assertThat(fromExport.path("groups")).isNotEmpty().isEqualTo(fromAggregator.path("groups"));
        assertThat(fromExport.path("status").asText()).isEqualTo("UNKNOWN_MANIFEST");

        CommandLine.Result compared = evalctl("compare", runId, "-a", SEESAW_V1, "-b", SEESAW_V2);
        assertThat(compared.exitCode()).as(compared.describe()).isZero();
        assertThat(compared.output()).containsPattern("gsm8k +160 +\\d+\\.\\d% +\\d+\\.\\d% +\\+\\d+\\.\\d.*GAIN")
                .containsPattern("mmlu +160 .*LOSS").contains("SEESAW: B gains on gsm8k and loses on mmlu");
        CommandLine.Result gated = evalctl("compare", runId, "-a", SEESAW_V1, "-b", SEESAW_V2, "--fail-on-seesaw");
        assertThat(gated.exitCode()).as(gated.describe()).isEqualTo(7);
        CommandLine.Result same = evalctl("compare", runId, "-a", SEESAW_V1, "-b", SEESAW_V1, "--fail-on-loss");
        assertThat(same.exitCode()).as(same.describe()).isZero();
        assertThat(same.output()).contains("No significant difference on any benchmark.");

        CommandLine.Result runs = evalctl("runs");
        assertThat(runs.exitCode()).as(runs.describe()).isZero();
        assertThat(runs.output()).containsPattern(runId + " +COMPLETE .* 640/640 +100%");
    }

    /** Per (model, benchmark): the counts, the accuracy with its 95% interval and the mean score with its SE. */
    private static Map<String, List<String>> cells(JsonNode report) {
        return figures(report.path("scores"), "benchmarkId", CELL_FIGURES);
    }

    /** Per (model, category): the roll-up's counts, accuracy with its interval and means. */
    private static Map<String, List<String>> rollups(JsonNode report) {
        return figures(report.path("categories"), "category", ROLLUP_FIGURES);
    }

    /** Each row keyed by its model and {@code by}, its {@code fields} as text. */
    private static Map<String, List<String>> figures(JsonNode rows, String by, List<String> fields) {
        Map<String, List<String>> figures = new TreeMap<>();
        for (JsonNode row : rows) {
            figures.put(row.path("modelId").asText() + " " + row.path(by).asText(),
                    fields.stream().map(field -> row.path(field).asText()).toList());
        }
        return figures;
    }

    @Test
    void evalctlPushesTasksFromAJsonLinesFileAndEveryOneIsGraded() throws Exception {
        String runId = "e2e-push-" + System.currentTimeMillis();
        Path tasks = EvalCtl.additionTasks(dir.resolve("tasks.jsonl"), runId, 5);

        CommandLine.Result pushed = evalctl("push", tasks.toString());
        assertThat(pushed.exitCode()).as(pushed.describe()).isZero();
        assertThat(pushed.output()).contains("Pushed 5 task(s) from " + tasks + " onto evalstream.tasks.");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(client.report(runId).map(Reports::graded)).contains(5L));
    }

    @Test
    void badInputGetsItsExitCodeAndAMessageThatSaysWhatToFix() throws Exception {
        Path badSpec = Files.writeString(dir.resolve("bad.yaml"), "runId: r\nmodels: [sim-strong]\nbenchmarks: []\n");
        CommandLine.Result refused = evalctl("submit", badSpec.toString());
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(4);
        assertThat(refused.output()).contains("bad.yaml: invalid RunSpec: field 'benchmarks' must list at least one");

        Path unknownBenchmark = Files.writeString(dir.resolve("unknown.yaml"),
                "runId: e2e-unknown\nmodels: [sim-strong]\nbenchmarks: [{id: gsm9k}]\n");
        CommandLine.Result rejected = evalctl("submit", unknownBenchmark.toString());
        assertThat(rejected.exitCode()).as(rejected.describe()).isEqualTo(4);
        assertThat(rejected.output()).contains("prompt-producer answered 400 to POST /runs").contains("gsm9k");

        CommandLine.Result unknownRun = evalctl("watch", "no-such-run", "--wait-for-run", "2s", "--interval", "200ms");
        assertThat(unknownRun.exitCode()).as(unknownRun.describe()).isEqualTo(4);
        assertThat(unknownRun.output()).contains("the aggregator has no run 'no-such-run'");

        CommandLine.Result wrongToken = evalctlWithToken("not-the-token", "runs");
        assertThat(wrongToken.exitCode()).as(wrongToken.describe()).isEqualTo(4);
        assertThat(wrongToken.output()).contains("aggregator answered 401").contains("EVALSTREAM_TOKEN")
                .doesNotContain("not-the-token");

        Path badTasks = Files.writeString(dir.resolve("bad.jsonl"), "{\"schemaVersion\":1}\nnot json\n");
        CommandLine.Result notPushed = evalctl("push", badTasks.toString());
        assertThat(notPushed.exitCode()).as(notPushed.describe()).isEqualTo(4);
        assertThat(notPushed.output()).contains("bad.jsonl: line 1: ").contains("bad.jsonl: line 2: ")
                .contains("has 2 bad line(s); nothing was pushed");
    }
}
