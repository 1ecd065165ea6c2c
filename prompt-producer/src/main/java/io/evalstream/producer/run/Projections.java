package io.evalstream.producer.run;

import io.evalstream.benchmarks.Item;
import io.evalstream.contracts.Lane;
import io.evalstream.contracts.ModelProjection;
import io.evalstream.contracts.PriceList;
import io.evalstream.contracts.Prices;
import io.evalstream.contracts.Projection;
import io.evalstream.contracts.TaskKind;
import io.evalstream.contracts.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Projects what a planned run will cost before anything is sent: every prompt is rendered and its tokens estimated
 * ({@link Projection#CHARS_PER_TOKEN}), each answer is taken at maxTokens for the ceiling and at the length of the
 * item's own worked answer (as the few-shot examples write it) for the typical figure, priced per call because prices
 * can be tiered by prompt length. The same for every model: no model's tokenizer is known here.
 */
public final class Projections {

    private Projections() {
    }

    public static Projection of(RunPlan plan, PriceBook book) {
        PriceList prices = book.prices();
        Usage perModel = new Usage();
        List<Usage> calls = new ArrayList<>();
        int samples = plan.manifest().spec().samplesPerItem();
        for (PlannedBenchmark planned : plan.benchmarks()) {
            boolean generates = planned.benchmark().kind() == TaskKind.GENERATE;
            long maxTokens = generates ? planned.settings().maxTokens() : 0;
            for (PlannedVariant variant : planned.variants()) {
                for (Item item : planned.benchmark().items().subList(0, planned.items())) {
                    long prompt = Projection.tokens(variant.prompter().render(item));
                    long typical = generates ? Math.min(maxTokens, variant.prompter().workedAnswer(item)
                            .map(Projection::tokens).orElse(maxTokens)) : 0;
                    int callsPerTask = planned.benchmark().kind() == TaskKind.MULTIPLE_CHOICE
                            ? Math.max(1, item.choices() == null ? 1 : item.choices().size()) : 1;
                    calls.add(new Usage(samples, (long) samples * callsPerTask, prompt, typical, maxTokens));
                }
            }
        }
        List<ModelProjection> models = new ArrayList<>();
        for (String model : plan.manifest().spec().models()) {
            Optional<Prices> price = prices.of(model);
            double typicalUsd = 0;
            double ceilingUsd = 0;
            Usage sum = new Usage();
            for (Usage item : calls) {
                sum = sum.plus(item);
                if (price.isPresent()) {
                    typicalUsd += item.tasks * price.get().cost(new TokenUsage(item.prompt, item.typical), Lane.STANDARD)
                            .orElse(0);
                    ceilingUsd += item.tasks * price.get().cost(new TokenUsage(item.prompt, item.max), Lane.STANDARD)
                            .orElse(0);
                }
            }
            models.add(new ModelProjection(model, sum.tasks, sum.calls, sum.prompt, sum.typical, sum.max,
                    price.isPresent() ? typicalUsd : null, price.isPresent() ? ceilingUsd : null));
        }
        return new Projection(models, Projection.CHARS_PER_TOKEN, book.priced());
    }

    /** Tasks, calls and tokens of one item (each of its tasks alike), or their sum over items. */
    private static final class Usage {
        final long tasks;
        final long calls;
        final long prompt;
        final long typical;
        final long max;

        Usage() {
            this(0, 0, 0, 0, 0);
        }

        /** @param tasks the item's tasks; prompt, typical and max are per task */
        Usage(long tasks, long calls, long prompt, long typical, long max) {
            this.tasks = tasks;
            this.calls = calls;
            this.prompt = prompt;
            this.typical = typical;
            this.max = max;
        }

        /** Adds an item's tasks, with its per-task tokens multiplied out. */
        Usage plus(Usage item) {
            return new Usage(tasks + item.tasks, calls + item.calls, prompt + item.tasks * item.prompt,
                    typical + item.tasks * item.typical, max + item.tasks * item.max);
        }
    }
}
