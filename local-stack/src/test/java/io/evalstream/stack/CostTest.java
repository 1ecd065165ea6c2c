package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.ModelProjection;
import io.evalstream.contracts.RunAccepted;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.RunCost;
import io.evalstream.reports.scoring.RunReport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a run costs, end to end against the OpenAI-compatible stub at a priced model: the producer's dry run
 * projects it from the rendered prompts, the worker prices every answer from the stub's usage, and the report's
 * cost per cell, per model and per run equals the hand computation from the usage every grade recorded; the
 * projection (prompt tokens at 4 characters each, answers as long as the items' worked solutions) lands within 20%.
 * Seen: 40 GSM8K tasks, projected $0.0586 typical ($0.2524 at most), charged $0.0524 (typical 12% over). A run with
 * a $0.02 budget on the model completes with 11 tasks answered for $0.0144 and 29 ended BUDGET_EXCEEDED (the next
 * call's most, prompt + maxTokens, would not have fitted).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@Tag("integration")
class CostTest extends SharedStack {

    @Test
    void theReportChargesTheStubsUsageAtThePriceAndTheProjectionIsWithinTwentyPercent() throws Exception {
        String runId = "e2e-cost-" + System.currentTimeMillis();
        String spec = "{\"runId\":\"" + runId + "\",\"models\":[\"" + PRICED_MODEL + "\",\"sim-weak\"],"
                + "\"benchmarks\":[{\"id\":\"gsm8k\",\"limit\":40}]}";

        HttpResponse<String> dry = client.project(spec);
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        RunAccepted projected = Json.mapper().readValue(dry.body(), RunAccepted.class);
        assertThat(projected.published()).isFalse();
        ModelProjection model = projected.projection().models().getFirst();
        assertThat(model.modelId()).isEqualTo(PRICED_MODEL);
        assertThat(model.tasks()).isEqualTo(40).isEqualTo(model.calls());
        assertThat(client.fullReport(runId)).as("a dry run publishes nothing").isEmpty();
        // The shared stack's producer has no price file: the projection gives tokens, and prices them as evalctl's
        // user would with the model's price.
        double typical = (model.promptTokens() * PRICED_INPUT + model.typicalOutput() * PRICED_OUTPUT) / 1e6;
        double ceiling = (model.promptTokens() * PRICED_INPUT + model.maxOutput() * PRICED_OUTPUT) / 1e6;

        HttpResponse<String> accepted = client.submit(spec);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        client.awaitComplete(runId, Duration.ofMinutes(3), report -> { });
        FullRunReport report = client.fullReport(runId).orElseThrow();

        double byHand = 0;
        long tasks = 0;
        for (String line : client.get(stack.aggregator("/runs/" + runId + "/samples")).body().split("\n")) {
            JsonNode grade = Json.mapper().readTree(line);
            if (!grade.path("taskId").asText().contains("/" + PRICED_MODEL + "/")) {
                continue;
            }
            JsonNode usage = grade.path("usage");
            // The stub counts a prompt at 4 characters a token and its answer's words.
            assertThat(usage.path("promptTokens").asLong())
                    .isEqualTo((grade.path("prompt").asText().length() + 3) / 4);
            byHand += (usage.path("promptTokens").asLong() * PRICED_INPUT
                    + usage.path("completionTokens").asLong() * PRICED_OUTPUT) / 1e6;
            tasks++;
        }
        assertThat(tasks).isEqualTo(40);
        RunCost cost = report.totals().cost();
        System.out.printf("Cost of %d GSM8K tasks: projected $%.4f typical ($%.4f at most), charged $%.4f%n", tasks,
                typical, ceiling, byHand);
        assertThat(cost.byModel().get(PRICED_MODEL).usd()).isCloseTo(byHand, within(1e-7));
        assertThat(cost.byModel().get(PRICED_MODEL).unpriced()).isZero();
        assertThat(Reports.cell(report, PRICED_MODEL, "gsm8k").orElseThrow().calls().cost().usd())
                .isCloseTo(byHand, within(1e-7));
        // sim-weak has no price: unknown, never 0, and the run's total says how many tasks it leaves out.
        assertThat(cost.byModel().get("sim-weak").usd()).isNull();
        assertThat(cost.byModel().get("sim-weak").unpriced()).isEqualTo(40);
        assertThat(cost.total().unpriced()).isEqualTo(40);
        assertThat(cost.total().usd()).isCloseTo(byHand, within(1e-7));
        assertThat(typical).isCloseTo(byHand, within(0.2 * byHand));
        assertThat(ceiling).isGreaterThanOrEqualTo(byHand);
        List<String> markdown = List.of(client.get(stack.aggregator("/runs/" + runId + "/report?format=markdown"))
                .body().split("\n"));
        assertThat(markdown).anyMatch(row -> row.contains(PRICED_MODEL) && row.contains("$"));
    }

    @Test
    void aBudgetedRunStopsCallingWithinItsLimitAndStillCompletesWithTheRestAsBudgetExceeded() throws Exception {
        String runId = "e2e-budget-usd-" + System.currentTimeMillis();
        double limit = 0.02;
        HttpResponse<String> accepted = client.submit("{\"runId\":\"" + runId + "\",\"models\":[\"" + PRICED_MODEL
                + "\"],\"benchmarks\":[{\"id\":\"gsm8k\",\"limit\":40}],\"budget\":{\"perModel\":{\""
                + PRICED_MODEL + "\":" + limit + "}}}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        RunReport report = client.awaitComplete(runId, Duration.ofMinutes(3), r -> { });
        BenchmarkScore cell = Reports.cell(report, PRICED_MODEL, "gsm8k").orElseThrow();
        long overBudget = cell.calls().errorKinds().getOrDefault(ErrorKind.BUDGET_EXCEEDED, 0L);
        double spent = cell.calls().cost().usd();
        System.out.printf("Budget $%.4f: %d of 40 tasks answered for $%.4f, %d ended BUDGET_EXCEEDED%n", limit,
                40 - overBudget, spent, overBudget);
        assertThat(cell.graded()).isEqualTo(40);
        assertThat(overBudget).isPositive().isLessThan(40);
        // One worker replica: no overshoot at all.
        assertThat(spent).isPositive().isLessThanOrEqualTo(limit);
        assertThat(cell.calls().errorReasons().get(ErrorKind.BUDGET_EXCEEDED))
                .contains("model " + PRICED_MODEL + "'s budget of $0.0200 is reached");
        // Tasks never asked are not wrong answers: accuracy is over the answered ones.
        assertThat(cell.accuracy().value()).isEqualTo((double) cell.counts().correct()
                / (40 - overBudget));
    }
}
