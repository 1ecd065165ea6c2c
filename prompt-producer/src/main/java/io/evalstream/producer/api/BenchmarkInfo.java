package io.evalstream.producer.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.evalstream.benchmarks.Benchmark;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.Subset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A benchmark as listed by {@code GET /benchmarks}. Its values are unwrapped, so the JSON stays one flat object
 * with the fields in the order the README lists them.
 *
 * @param subsets its subsets with items, or null when it has none
 * @param judging the declared judge and rubric of a benchmark judged on a rubric, or null
 */
public record BenchmarkInfo(String id, String description, Category category, @JsonUnwrapped Data data,
        @JsonUnwrapped Headline headline, @JsonUnwrapped Prompts prompts, Subsets subsets, Judging judging) {

    /**
     * @param items  test items available (the most a run's {@code limit} can take)
     * @param source where its data came from: the datasets directory, the benchmarks directory or the built-in
     *               samples
     */
    public record Data(int items, String source) {
    }

    /**
     * @param extraction the headline's registered extraction name, as tasks carry it ({@code NUMERIC},
     *                   {@code last_number})
     * @param metric     the headline's registered metric name, spelled the same way
     */
    public record Headline(String extraction, String metric) {
    }

    /**
     * @param settings the declared settings a run gets when it overrides nothing
     * @param variants prompt template variants a run may name, the default first
     * @param maxShots the most few-shot exemplars {@code settings.shots} may ask for
     */
    public record Prompts(Settings settings, List<String> variants, int maxShots) {
    }

    /**
     * @param count    subsets that have items
     * @param declared subsets the definition lists (MMLU lists 57 even when the data at hand covers fewer)
     * @param groups   subsets with items per group, by group name
     */
    public record Subsets(int count, int declared, Map<String, Integer> groups) {
    }

    static BenchmarkInfo of(Benchmark benchmark) {
        return new BenchmarkInfo(benchmark.id(), benchmark.description(), benchmark.category(),
                new Data(benchmark.size(), benchmark.source()),
                new Headline(benchmark.extraction(), benchmark.metric()),
                new Prompts(benchmark.settings(), benchmark.variants(), benchmark.maxShots()), subsets(benchmark),
                benchmark.judging());
    }

    private static Subsets subsets(Benchmark benchmark) {
        if (benchmark.subsets().isEmpty()) {
            return null;
        }
        Map<String, Integer> groups = new TreeMap<>();
        for (Subset subset : benchmark.subsets()) {
            if (subset.group() != null) {
                groups.merge(subset.group(), 1, Integer::sum);
            }
        }
        return new Subsets(benchmark.subsets().size(), benchmark.declaredSubsets(), groups);
    }
}
