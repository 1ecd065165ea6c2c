package io.evalstream.stack;

import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.WireFormat;
import java.util.List;

/** Run specs the demo and the benchmarks submit. */
final class RunSpecs {

    static final List<String> SIMULATED_MODELS = List.of("sim-strong", "sim-medium", "sim-weak");
    /** The benchmarks the throughput measurements use: the two with the most items in the built-in samples. */
    static final List<String> THROUGHPUT_BENCHMARKS = List.of("gsm8k", "mmlu");

    private RunSpecs() {
    }

    /**
     * @param limit    at most this many items per benchmark; null for all
     * @param settings overrides of every benchmark's declared settings
     */
    static String json(String runId, List<String> models, List<String> benchmarks, Integer limit,
            SettingsOverrides settings, int samplesPerItem) {
        RunSpec spec = new RunSpec(runId, models,
                benchmarks.stream().map(id -> new BenchmarkSelection(id, limit)).toList(), settings, samplesPerItem);
        return WireFormat.of(RunSpec.class).encodeToString(spec);
    }
}
