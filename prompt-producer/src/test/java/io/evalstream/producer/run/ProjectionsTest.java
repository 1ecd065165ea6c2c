package io.evalstream.producer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.benchmarks.CatalogConfig;
import io.evalstream.benchmarks.CatalogLoader;
import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.ModelProjection;
import io.evalstream.contracts.PriceList;
import io.evalstream.contracts.Prices;
import io.evalstream.contracts.Projection;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Rate;
import io.evalstream.contracts.RunSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionsTest {

    private static final RunPlanner PLANNER = new RunPlanner(CatalogLoader.load(CatalogConfig.BUILT_IN));
    private static final PriceBook PRICES = new PriceBook(new PriceList(Map.of("gpt", new Prices(new Rate(2.5, 10)))),
            true);

    @Test
    void promptTokensComeFromTheRenderedPromptsAndTheCeilingFromMaxTokens() {
        RunPlan plan = PLANNER.plan(new RunSpec("p-1", List.of("gpt", "unpriced"),
                List.of(new BenchmarkSelection("gsm8k", 5), new BenchmarkSelection("mmlu", 4)),
                new io.evalstream.contracts.SettingsOverrides(null, null, 0.8, null, null, null, null), 2),
                Instant.EPOCH);
        List<PromptTask> tasks = new java.util.ArrayList<>();
        plan.tasks().forEach(tasks::add);
        long promptTokens = tasks.stream().filter(t -> t.taskId().modelId().equals("gpt"))
                .mapToLong(t -> Projection.tokens(t.prompt())).sum();
        long maxOutput = tasks.stream().filter(t -> t.taskId().modelId().equals("gpt"))
                .mapToLong(t -> t.settings().maxTokens()).sum();

        Projection projection = Projections.of(plan, PRICES);

        ModelProjection gpt = projection.models().getFirst();
        assertThat(gpt.modelId()).isEqualTo("gpt");
        assertThat(gpt.tasks()).isEqualTo(18).isEqualTo(gpt.calls());
        assertThat(gpt.promptTokens()).isEqualTo(promptTokens);
        assertThat(gpt.maxOutput()).isEqualTo(maxOutput);
        assertThat(gpt.typicalOutput()).isPositive().isLessThan(gpt.maxOutput());
        assertThat(gpt.ceilingUsd()).isCloseTo((promptTokens * 2.5 + maxOutput * 10) / 1e6, within(1e-12));
        assertThat(gpt.typicalUsd()).isCloseTo((promptTokens * 2.5 + gpt.typicalOutput() * 10) / 1e6, within(1e-12));
        ModelProjection unpriced = projection.models().get(1);
        assertThat(unpriced.promptTokens()).isEqualTo(promptTokens);
        assertThat(unpriced.typicalUsd()).isNull();
        assertThat(unpriced.ceilingUsd()).isNull();
        assertThat(projection.estimator()).contains("4 characters per token");
    }

    @Test
    void aGsm8kAnswerIsExpectedAsLongAsTheItemsWorkedSolutionNotAtMaxTokens() {
        RunPlan plan = PLANNER.plan(new RunSpec("p-2", List.of("gpt"), List.of(new BenchmarkSelection("gsm8k", 5)),
                null, 1), Instant.EPOCH);
        ModelProjection gpt = Projections.of(plan, PRICES).models().getFirst();
        // GSM8K's worked solutions run a few sentences: tens of tokens each, far under the 512-token ceiling.
        assertThat(gpt.typicalOutput() / 5.0).isBetween(10.0, 200.0);
    }
}
