package io.evalstream.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of the sandbox: runs programs with one caller per slot and reports executions per second. {@code ./run
 * bench} feeds it the HumanEval canonical solutions as the benchmark definitions load them.
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
}
