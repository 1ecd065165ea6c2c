package io.evalstream.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of the sandbox. {@link #main} runs the HumanEval canonical solutions and prints one JSON line:
 * {@code java -cp sandbox/target/sandbox-*.jar io.evalstream.sandbox.SandboxBench [HumanEval.jsonl.gz] [parallelism]}.
 */
public final class SandboxBench {

    /** The figures of one bench run. */
    public record Result(int executions, int passed, int parallelism, Duration elapsed, Isolation isolation) {

        public double executionsPerSecond() {
            return executions / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }

        public String toJson(String bench) {
            return String.format(Locale.ROOT, "{\"bench\":\"%s\",\"executions\":%d,\"passed\":%d,\"parallelism\":%d,"
                            + "\"executions_per_s\":%.1f,\"isolation\":\"%s\"}",
                    bench, executions, passed, parallelism, executionsPerSecond(), isolation);
        }
    }

    private SandboxBench() {
    }

    /** Runs the programs in a default-configured sandbox with {@code parallelism} slots. */
    public static Result run(List<String> programs, int parallelism) throws InterruptedException {
        return run(SandboxConfig.defaults().withSlots(parallelism), programs);
    }

    /** Runs the programs with as many callers as the config has slots. */
    public static Result run(SandboxConfig config, List<String> programs) throws InterruptedException {
        try (Sandbox sandbox = Sandbox.start(config)) {
            ExecutorService callers = Executors.newFixedThreadPool(config.slots());
            try {
                long started = System.nanoTime();
                List<Future<Execution>> runs = new ArrayList<>();
                programs.forEach(program -> runs.add(callers.submit(() -> sandbox.runPython(program))));
                int passed = 0;
                for (Future<Execution> run : runs) {
                    passed += outcome(run).passed() ? 1 : 0;
                }
                return new Result(programs.size(), passed, config.slots(), Duration.ofNanos(System.nanoTime() - started),
                        sandbox.isolation());
            } finally {
                callers.shutdownNow();
            }
        }
    }

    private static Execution outcome(Future<Execution> run) throws InterruptedException {
        try {
            return run.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("runPython threw, which it must never do", e.getCause());
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dataset = args.length > 0 ? Path.of(args[0])
                : Path.of(System.getProperty("evalstream.home", "."), "..", "shared", "datasets", "humaneval", "HumanEval.jsonl.gz");
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        if (!Files.isReadable(dataset)) {
            System.err.println("sandbox bench: HumanEval not found at " + dataset);
            System.exit(2);
        }
        List<String> programs = HumanEval.read(dataset).stream().map(HumanEval.Problem::canonicalProgram).toList();
        Result result = run(programs, parallelism);
        System.out.println(result.toJson("sandbox_humaneval"));
        if (result.isolation() == Isolation.NONE) {
            System.err.println("sandbox bench: no isolation on this machine, nothing ran (see the log above)");
            System.exit(1);
        }
    }
}
