package io.evalstream.producer.api;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.Extraction;
import io.evalstream.producer.catalog.Benchmark;

/**
 * A benchmark as listed by {@code GET /benchmarks}.
 *
 * @param items    test items available (the most a run's {@code limit} can take)
 * @param maxShots the most few-shot exemplars {@code settings.shots} may ask for
 */
public record BenchmarkInfo(String id, String description, Category category, Extraction extraction, int items,
        int maxShots) {

    static BenchmarkInfo of(Benchmark<?> benchmark) {
        return new BenchmarkInfo(benchmark.id(), benchmark.description(), benchmark.category(),
                benchmark.extraction(), benchmark.size(), benchmark.maxShots());
    }
}
