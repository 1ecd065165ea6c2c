package io.evalstream.producer.run;

import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.RunManifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run publishes: its manifest, then its tasks. The tasks are rendered lazily as they are
 * iterated, so a run of a million tasks never holds more than one rendered prompt at a time.
 */
public record RunPlan(RunManifest manifest, List<PlannedBenchmark> benchmarks) {

    public RunPlan {
        benchmarks = List.copyOf(benchmarks);
    }

    public String runId() {
        return manifest.runId();
    }

    public long taskCount() {
        return manifest.expectedTotal();
    }

    /** Settings hash per benchmark id, then per variant: each differs, so each is reported. */
    public Map<String, Map<String, String>> settingsHashes() {
        Map<String, Map<String, String>> hashes = new LinkedHashMap<>();
        for (PlannedBenchmark planned : benchmarks) {
            Map<String, String> byVariant = new LinkedHashMap<>();
            planned.variants().forEach(variant -> byVariant.put(variant.name(), variant.settingsHash()));
            hashes.put(planned.benchmark().id(), byVariant);
        }
        return hashes;
    }

    /** Every task: benchmark by benchmark, item by item, each item in every variant for every model and sample. */
    public Iterable<PromptTask> tasks() {
        return () -> new TaskSequence(manifest.spec(), benchmarks);
    }
}
