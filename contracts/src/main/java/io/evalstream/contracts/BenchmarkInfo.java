package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * A benchmark as the prompt-producer lists it ({@code GET /benchmarks}); here so that clients read what it writes.
 * Its values are unwrapped, so the JSON stays one flat object with the fields in the order the README lists them.
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
}
