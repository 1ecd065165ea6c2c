package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.RegradeReport;
import io.evalstream.contracts.ScorerScore;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.RunReport;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 19 on the whole stack: a GSM8K run is scored by its flexible and strict scorers, then graded again by the
 * grader alone. The worker serves no request while it is (its own counter of model requests does not move), every
 * task is still counted once, and the report keeps both scorers. A HumanEval run is regraded by running its programs
 * again in the grader's sandbox, again without a model request.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Tag("integration")
class RegradeStackTest extends SharedStack {

    private static final Pattern REQUESTS = Pattern.compile("(?m)^evalstream_model_requests_total\\{[^}]*} (\\S+)$");
    private static final int ITEMS = 12;
    private static final int CODE_ITEMS = 6;

    @Test
    void aRegradeAsksNoModelAndKeepsEveryScorersCountsExact() throws Exception {
        String runId = "e2e-regrade-" + System.currentTimeMillis();
        BenchmarkScore cellBefore = completedCell(runId, "sim-strong", "gsm8k", ITEMS);
        assertThat(cellBefore.detail().scorers().stream().map(ScorerScore::scorer)).containsExactly("flexible", "strict");

        double requestsBefore = modelRequests();
        RegradeReport answer = regrade(runId, "gsm8k");
        assertThat(answer.regraded()).isEqualTo(ITEMS);
        assertThat(answer.changes()).extracting(RegradeReport.ScorerChange::scorer)
                .containsExactly("flexible", "strict");
        assertThat(answer.changes()).allSatisfy(change -> assertThat(change.flips()).isZero());
        assertThat(modelRequests()).as("model requests served during the regrade").isEqualTo(requestsBefore);

        RunReport after = client.awaitComplete(runId, Duration.ofSeconds(60), report -> { });
        BenchmarkScore cellAfter = Reports.cell(after, "sim-strong", "gsm8k").orElseThrow();
        assertThat(cellAfter.graded()).isEqualTo(ITEMS);
        assertThat(cellAfter.detail().scorers()).isEqualTo(cellBefore.detail().scorers());
    }

    @Test
    void aHumanEvalRegradeRunsEveryProgramAgainInTheSandboxAndAsksNoModel() throws Exception {
        String runId = "e2e-regrade-code-" + System.currentTimeMillis();
        BenchmarkScore cellBefore = completedCell(runId, "sim-strong", "humaneval", CODE_ITEMS);
        // A program runs for each answer with code in it: passing ones are CORRECT, failing ones INCORRECT.
        long programs = cellBefore.counts().correct() + cellBefore.counts().incorrect();
        assertThat(programs).as("programs the run executed: %s", cellBefore).isPositive();

        double requestsBefore = modelRequests();
        double executionsBefore = codeExecutions();
        RegradeReport answer = regrade(runId, "humaneval");

        assertThat(answer.read()).isEqualTo(CODE_ITEMS);
        assertThat(answer.regraded()).as(answer.toString()).isEqualTo(CODE_ITEMS);
        assertThat(answer.skipped()).as(answer.toString()).isEmpty();
        assertThat(answer.changes()).extracting(RegradeReport.ScorerChange::scorer).containsExactly("default");
        RegradeReport.ScorerChange change = answer.changes().getFirst();
        assertThat(change.graded()).isEqualTo(CODE_ITEMS);
        assertThat(change.flips()).as("the same programs pass and fail again").isZero();
        assertThat(change.added()).isZero();
        assertThat(codeExecutions() - executionsBefore).as("programs run again in the sandbox").isEqualTo(programs);
        assertThat(modelRequests()).as("model requests served during the regrade").isEqualTo(requestsBefore);

        BenchmarkScore cellAfter = Reports.cell(client.awaitComplete(runId, Duration.ofSeconds(60), report -> { }),
                "sim-strong", "humaneval").orElseThrow();
        assertThat(cellAfter.graded()).as("graded").isEqualTo(cellBefore.graded());
        assertThat(cellAfter.counts()).as("correct, incorrect, no answer, errors").isEqualTo(cellBefore.counts());
    }

    /**
     * sim-weak states a quarter of its answers without "The answer is" (its {@code format-slip-rate}): GSM8K's strict
     * scorer finds no answer in those, the flexible one still does, so strict is below flexible both in the report
     * and on the aggregator's gauges, while the headline is the flexible figure.
     */
    @Test
    void strictScoresBelowFlexibleForAModelThatSlipsOutOfTheAnswerFormat() {
        String runId = "e2e-scorers-" + System.currentTimeMillis();
        BenchmarkScore cell = completedCell(runId, "sim-weak", "gsm8k", 60);

        ScorerScore flexible = cell.detail().scorers().get(0);
        ScorerScore strict = cell.detail().scorers().get(1);
        assertThat(flexible.scorer()).isEqualTo("flexible");
        assertThat(strict.scorer()).isEqualTo("strict");
        assertThat(flexible.estimates().accuracy().value()).isEqualTo(cell.accuracy().value());
        assertThat(strict.estimates().accuracy().value()).isLessThan(flexible.estimates().accuracy().value());
        // The gauges read the stores on the aggregator's reconcile tick, so they may trail the report by one tick.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String metrics = client.get(stack.aggregator("/q/metrics")).body();
            assertThat(gauge(metrics, runId, "strict")).isCloseTo(strict.estimates().accuracy().value(),
                    offset(1e-9));
            assertThat(gauge(metrics, runId, "flexible")).isCloseTo(flexible.estimates().accuracy().value(),
                    offset(1e-9));
        });
    }

    /** The report cell of a run of {@code model} on {@code limit} items of {@code benchmark}, once it completes. */
    private static BenchmarkScore completedCell(String runId, String model, String benchmark, int limit) {
        HttpResponse<String> submitted = client.submit("""
                {"runId": "%s", "models": ["%s"], "benchmarks": [{"id": "%s", "limit": %d}]}"""
                .formatted(runId, model, benchmark, limit));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        return Reports.cell(client.awaitComplete(runId, Duration.ofSeconds(180), report -> { }), model, benchmark)
                .orElseThrow();
    }

    /** The grader's answer to {@code POST /runs/{runId}/regrade?benchmark=...}, which must be 200. */
    private static RegradeReport regrade(String runId, String benchmark) throws Exception {
        HttpResponse<String> regraded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                stack.service("grader-service").uri("/runs/" + runId + "/regrade?benchmark=" + benchmark))
                .header("Authorization", stack.token().header()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(regraded.statusCode()).as(regraded.body()).isEqualTo(200);
        return Json.mapper().readValue(regraded.body(), RegradeReport.class);
    }

    private static double gauge(String metrics, String runId, String scorer) {
        Matcher sample = Pattern.compile("(?m)^evalstream_scorer_accuracy_ratio\\{[^}]*run=\"" + Pattern.quote(runId)
                + "\"[^}]*scorer=\"" + scorer + "\"[^}]*} (\\S+)$").matcher(metrics);
        assertThat(sample.find()).as("the %s scorer's accuracy gauge of %s", scorer, runId).isTrue();
        return Double.parseDouble(sample.group(1));
    }

    /** Every model request the worker counted, whatever its model and outcome. */
    private static double modelRequests() {
        String metrics = client.get(stack.liveWorkers().getFirst().uri("/q/metrics")).body();
        Matcher sample = REQUESTS.matcher(metrics);
        double total = 0;
        while (sample.find()) {
            total += Double.parseDouble(sample.group(1));
        }
        assertThat(total).as("model requests counted so far").isPositive();
        return total;
    }
}
