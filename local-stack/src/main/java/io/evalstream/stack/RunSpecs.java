package io.evalstream.stack;

import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.WireFormat;
import java.util.List;

/** Run specs the demo and the benchmarks submit. */
final class RunSpecs {

    static final List<String> SIMULATED_MODELS = List.of("sim-strong", "sim-medium", "sim-weak");

    private RunSpecs() {
    }

    static String json(String runId, List<String> models, Integer limit, Settings settings, int samplesPerItem) {
        RunSpec spec = new RunSpec(runId, models,
                List.of(new BenchmarkSelection("gsm8k", limit), new BenchmarkSelection("mmlu", limit)),
                settings, samplesPerItem);
        return WireFormat.of(RunSpec.class).encodeToString(spec);
    }
}
