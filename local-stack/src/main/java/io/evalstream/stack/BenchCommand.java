package io.evalstream.stack;

import io.evalstream.reports.scoring.RunReport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.evalctl.render.Reports;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./run bench}: measures the whole pipeline on this machine and prints one JSON line per figure.
 * End-to-end throughput is tasks from the moment the run is submitted until the aggregator has counted
 * every one of them, with the simulator answering at once, after a warm-up run.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run the benchmarks; figures as JSON lines.")
final class BenchCommand implements Callable<Integer> {

    private static final int FRESHNESS_PROBES = 300;
    private static final String PACED_MODEL = "sim-paced";
    /** 20 calls at a time of 20 ms each: at most 1,000 tasks/s from this model. */
    private static final Map<String, String> BENCH_PROPERTIES = Map.of(
            "evalstream.worker.models." + PACED_MODEL + ".backend", "sim",
            "evalstream.worker.models." + PACED_MODEL + ".sim.latency-median", "20ms",
            "evalstream.worker.models." + PACED_MODEL + ".sim.latency-sigma", "0",
            "evalstream.worker.models." + PACED_MODEL + ".limits.max-concurrency", "20",
            // A measured run is 921,660 tasks in one submission; on a busy machine publishing them all took over the
            // default 2 minutes and the bench ended with a 503 instead of its figures. 4 minutes stays inside the
            // 5 minutes StackClient waits for the submission's answer.
            "evalstream.producer.publish.timeout", "4m");

    @Option(names = "--samples", defaultValue = "20",
            description = "Samples per item of the measured run (default: ${DEFAULT-VALUE}).")
    int samplesPerItem;

    @Mixin
    WorkDirOptions work;

    @Option(names = "--worker-tasks", defaultValue = "60000",
            description = "Tasks of the openai worker bench, 2,000 in flight at 500 ms (0 skips it; default: ${DEFAULT-VALUE}).")
    int workerTasks;

    @Option(names = "--only-worker", description = "Run only the openai worker bench.")
    boolean onlyWorker;

    @Option(names = "--soak-tasks", defaultValue = "1000000",
            description = "Tasks of the soak, on a fresh stack after the other benchmarks (0 skips it; default: ${DEFAULT-VALUE}).")
    long soakTasks;

    @Option(names = "--soak-interval", defaultValue = "10", description = "Seconds between soak samples (default: ${DEFAULT-VALUE}).")
    int soakIntervalSeconds;

    @Option(names = "--only-soak", description = "Run only the soak.")
    boolean onlySoak;

    @Override
    public Integer call() throws Exception {
        Path home = StackOptions.defaultHome();
        Path datasets = StackOptions.sharedDatasets(home);
        WorkDir dir = work.open("evalstream-bench");
        // On stderr: stdout is the figures, one JSON line each, for scripts to read.
        System.err.println(dir.describe());
        return dir.run(() -> bench(home, dir.path(), datasets), System.err);
    }

    private int bench(Path home, Path dir, Path datasets) throws Exception {
        if (onlySoak) {
            soak(home, dir.resolve("soak"), datasets);
            return 0;
        }
        if (workerTasks > 0) {
            System.out.println(WorkerBench.run(home, dir, workerTasks));
        }
        if (onlyWorker) {
            return 0;
        }
        System.out.println(CodeBench.measure(datasets).toJson("sandbox_humaneval"));
        try (LocalStack stack = LocalStack.start(StackOptions.of(home, dir, datasets, BENCH_PROPERTIES))) {
            StackClient client = new StackClient(stack);
            measure(stack, client, "bench-warmup-" + System.currentTimeMillis(), 1, null);
            measure(stack, client, "bench-" + System.currentTimeMillis(), samplesPerItem,
                    "broker + 4 services, one worker replica");
            freshness(stack, client);
            // The scaling line: the same run with two replicas of each stage that scales out, on the same cores.
            stack.startWorkers(1);
            stack.startGraders(1);
            stack.startAggregators(1);
            measure(stack, client, "bench-scaled-warmup-" + System.currentTimeMillis(), 1, null);
            measure(stack, client, "bench-scaled-" + System.currentTimeMillis(), samplesPerItem,
                    "broker + producer + 2 workers + 2 graders + 2 aggregators");
        }
        if (soakTasks > 0) {
            soak(home, dir.resolve("soak"), datasets);
        }
        return 0;
    }

    /** On a stack of its own, so that memory is followed from boot. */
    private void soak(Path home, Path dir, Path datasets) throws Exception {
        try (LocalStack stack = LocalStack.start(StackOptions.of(home, dir, datasets, Map.of()).withFixedHeaps())) {
            new SoakBench(stack, new StackClient(stack), System.out).run(soakTasks,
                    Duration.ofSeconds(soakIntervalSeconds));
        }
    }

    /** One run of the simulated models; with {@code processes} (what runs, for the line) its figures are printed. */
    private void measure(LocalStack stack, StackClient client, String runId, int samples, String processes)
            throws Exception {
        Map<String, Duration> cpuBefore = cpuTimes(stack);
        // Zero-shot without chain-of-thought keeps messages the same size from release to release, so figures
        // compare; sampling (temperature > 0) because several samples per item are asked for.
        SettingsOverrides settings = new SettingsOverrides(0, false, 0.7, null, 256, null, null);
        long start = System.nanoTime();
        HttpResponse<String> submitted = client.submit(RunSpecs.json(runId, RunSpecs.SIMULATED_MODELS,
                RunSpecs.THROUGHPUT_BENCHMARKS, null, settings, samples));
        if (submitted.statusCode() != 202) {
            throw new IllegalStateException("benchmark run refused (" + submitted.statusCode() + "): " + submitted.body());
        }
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        Progress progress = new Progress(start);
        RunReport report = client.awaitComplete(runId, Duration.ofMinutes(30), progress::record);
        double seconds = (System.nanoTime() - start) / 1e9;
        long tasks = Reports.graded(report);
        if (processes != null) {
            ObjectNode line = Json.mapper().createObjectNode()
                    .put("benchmark", "e2e_throughput")
                    .put("unit", "tasks/s")
                    .put("value", Math.round(tasks / seconds))
                    .put("tasks", tasks)
                    .put("seconds", round(seconds))
                    .put("publish_seconds", round(publishSeconds))
                    .put("steady_state_tasks_per_s", Math.round(progress.rateBetween(0.25, 0.9)))
                    .put("backend", "sim")
                    .put("sim_latency_ms", 0)
                    .put("processes", processes)
                    .put("cpus", Runtime.getRuntime().availableProcessors());
            System.out.println(Json.mapper().writeValueAsString(line));
            printCpu(cpuBefore, cpuTimes(stack), tasks);
        }
    }

    /**
     * Gauge freshness on an idle stack, then while a run of about 1,000 tasks/s (a paced model, below what the
     * pipeline sustains, so the figure is the gauges' delay and not a backlog's) is being evaluated.
     */
    private static void freshness(LocalStack stack, StackClient client) throws Exception {
        FreshnessBench bench = new FreshnessBench(stack, client);
        System.out.println(bench.measure(FRESHNESS_PROBES, "idle", () -> true));
        String runId = "bench-load-" + System.currentTimeMillis();
        SettingsOverrides settings = new SettingsOverrides(0, false, 0.7, null, 256, null, null);
        // 2 benchmarks x 1,000 items x 40 samples = 80,000 tasks: about 80 s at 1,000 tasks/s, enough for the probes.
        HttpResponse<String> submitted = client.submit(RunSpecs.json(runId, List.of(PACED_MODEL),
                RunSpecs.THROUGHPUT_BENCHMARKS, 1000, settings, 40));
        if (submitted.statusCode() != 202) {
            throw new IllegalStateException("load run refused (" + submitted.statusCode() + "): " + submitted.body());
        }
        int[] probes = {0};
        System.out.println(bench.measure(FRESHNESS_PROBES, "during_run_1000_tasks_per_s",
                () -> probes[0]++ % 10 != 0 || !Reports.isComplete(client.report(runId).orElseThrow())));
        client.awaitComplete(runId, Duration.ofMinutes(30), report -> { });
    }

    /** CPU each process spent per task: where the pipeline's cost goes, to compare services side by side. */
    private static void printCpu(Map<String, Duration> before, Map<String, Duration> after, long tasks)
            throws Exception {
        for (var entry : after.entrySet()) {
            double seconds = entry.getValue().minus(before.get(entry.getKey())).toNanos() / 1e9;
            System.out.println(Json.mapper().writeValueAsString(Json.mapper().createObjectNode()
                    .put("benchmark", "e2e_cpu_per_task")
                    .put("process", entry.getKey())
                    .put("unit", "us/task")
                    .put("value", Math.round(seconds * 1e6 / tasks))
                    .put("cpu_seconds", round(seconds))));
        }
    }

    private static Map<String, Duration> cpuTimes(LocalStack stack) {
        Map<String, Duration> times = new java.util.LinkedHashMap<>();
        times.put("kafka-broker", stack.kafka().cpuTime());
        stack.services().forEach(service -> times.put(service.name(), service.cpuTime()));
        return times;
    }

    /** Graded count over time, to tell the steady state from the ramp-up (JIT, first publishes) and the tail. */
    private static final class Progress {
        private final long start;
        private final java.util.List<long[]> points = new java.util.ArrayList<>();

        Progress(long start) {
            this.start = start;
        }

        void record(RunReport report) {
            points.add(new long[] {System.nanoTime() - start, Reports.graded(report)});
        }

        /** Tasks per second while the graded share went from {@code from} to {@code to} of the final count. */
        double rateBetween(double from, double to) {
            long total = points.getLast()[1];
            long[] first = points.stream().filter(p -> p[1] >= from * total).findFirst().orElseThrow();
            long[] last = points.stream().filter(p -> p[1] >= to * total).findFirst().orElseThrow();
            return last[0] == first[0] ? Double.NaN : (last[1] - first[1]) / ((last[0] - first[0]) / 1e9);
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
