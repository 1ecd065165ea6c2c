package io.evalstream.contracts;

/**
 * A benchmark chosen for a run.
 *
 * @param id    benchmark id as the prompt-producer knows it (e.g. {@code gsm8k}, {@code mmlu})
 * @param limit at most this many items, taken in dataset order; null for all of them
 */
public record BenchmarkSelection(String id, Integer limit) {

    public BenchmarkSelection {
        Require.id(id, "benchmarks[].id");
        if (limit != null) {
            Require.atLeast(limit, 1, "benchmarks[].limit");
        }
    }
}
