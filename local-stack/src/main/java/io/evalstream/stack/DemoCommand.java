package io.evalstream.stack;

import io.evalstream.contracts.BenchmarkInfo;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.BenchmarkSettings;
import io.evalstream.contracts.RunAccepted;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.evalctl.render.LiveView;
import io.evalstream.evalctl.render.Reports;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./run demo}: a real evaluation end to end on this machine, with a live view and a final scoreboard. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a broker and the four services, evaluate three simulated models (or your own, with "
                + "--model) on every built-in benchmark with its declared settings, then the same models and the real "
                + "(GGUF) ones side by side on the judged story benchmark; show live progress, print the scoreboards "
                + "and stop everything.")
final class DemoCommand implements Callable<Integer> {

    private static final String NO_MODELS = "none";
    /** How long a run may go without a task graded before the demo gives up and says what is missing. */
    private static final Duration STALL = Duration.ofSeconds(60);
    /**
     * Story beginnings the story run takes unless --limit says otherwise: the real models write one story at a time
     * on these 2 cores, and eight of the 24 keep the whole demo near a minute after the first build.
     */
    private static final int STORY_BEGINNINGS = 8;
    /** Items per benchmark when the user's own models are evaluated and no --limit is given: a quick first look. */
    static final int OWN_MODELS_LIMIT = 5;

    @Mixin
    StackDirs dirs;

    @Mixin
    WorkDirOptions work;

    @Mixin
    ModelArgs modelArgs;

    @Option(names = "--workers", defaultValue = "1",
            description = "Model-worker replicas, one consumer group sharing the tasks (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--models", paramLabel = "DIR", description = "A directory of GGUF files: each one is a REAL "
            + "model (id = file name without .gguf) that the workers run in-process and the story run evaluates. "
            + "Default: ../shared/models beside the repository when it exists; '" + NO_MODELS + "' for none.")
    String models;

    @Option(names = "--limit", description = "At most this many items per benchmark (default: all; "
            + OWN_MODELS_LIMIT + " with --model or --models-file).")
    Integer limit;

    @Option(names = "--latency-ms", defaultValue = "40",
            description = "Median latency of the simulated models in ms, so progress is visible (default: ${DEFAULT-VALUE}).")
    int latencyMillis;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (workers < 1) {
            System.err.println("--workers must be at least 1, not " + workers + ".");
            return 2;
        }
        Optional<OwnModels> checked = modelArgs.resolve();
        if (checked.isEmpty()) {
            return 2;
        }
        OwnModels own = checked.get();
        Path home = StackOptions.defaultHome();
        // With models of their own, the user sees those alone unless they name a GGUF directory too.
        Path modelsDir = NO_MODELS.equals(models) ? null : models != null ? Path.of(models).toAbsolutePath()
                : own.isEmpty() ? StackOptions.sharedModels(home) : null;
        if (modelsDir != null && !Files.isDirectory(modelsDir)) {
            System.err.println("--models " + modelsDir + " is not a directory; give a directory of *.gguf files or '"
                    + NO_MODELS + "'.");
            return 2;
        }
        RealModels real = modelsDir == null ? RealModels.none() : RealModels.in(modelsDir);
        DemoModels evaluated = own.isEmpty() ? DemoModels.simulated() : DemoModels.own(own);
        // Boxed on both sides: with an int there, the null limit (all items) would be unboxed and throw.
        Integer itemLimit = limit != null || own.isEmpty() ? limit : Integer.valueOf(OWN_MODELS_LIMIT);
        WorkDir dir = work.open("evalstream-demo");
        out.println("evalstream demo: a real Kafka broker (KRaft) and four services as separate processes, "
                + workers + " model-worker replica" + (workers == 1 ? "" : "s") + ".");
        if (own.isEmpty()) {
            describeModels(modelsDir, real);
        } else {
            out.println("YOUR models, evaluated instead of the simulated ones on " + (limit != null ? "at most "
                    + limit + " items of every benchmark" : "the first " + OWN_MODELS_LIMIT + " items of every"
                    + " benchmark (--limit N for more)") + "; a key is read by the workers from the variable or file"
                    + " named, never from a command line:");
            out.print(own.describe());
            describeGguf(modelsDir, real);
        }
        out.println(dir.describe());
        Map<String, String> workerProperties = simulatedLatency();
        workerProperties.putAll(real.workerProperties());
        workerProperties.putAll(own.workerProperties());
        StackOptions options = StackOptions.of(home, dir.path(), dirs.datasets, workerProperties)
                .withBenchmarks(dirs.benchmarks).withWorkers(workers);
        return dir.run(() -> demo(options, evaluated.plus(real), evaluated, real, itemLimit), System.err);
    }

    private int demo(StackOptions options, DemoModels storyModels, DemoModels evaluated, RealModels real,
            Integer itemLimit) throws Exception {
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(options)) {
            out.printf("Stack up in %.1f s (Kafka at %s).%n", (System.nanoTime() - started) / 1e9, stack.bootstrapServers());
            StackClient client = new StackClient(stack);
            int exit = evaluate(client, evaluated, itemLimit);
            exit = exit != 0 ? exit : new StoryRun(client, out).run(runId("stories"), storyModels,
                    limit != null ? limit : STORY_BEGINNINGS);
            return exit != 0 ? exit : new LikelihoodRun(client, out).run(runId("likelihood"), storyModels, real,
                    limit != null ? limit : LikelihoodRun.ITEMS);
        }
    }

    private void describeModels(Path modelsDir, RealModels real) {
        out.println("SIMULATED models: " + String.join(", ", RunSpecs.SIMULATED_MODELS)
                + " (sim backend: seeded accuracy and latency, canned text; no model is called).");
        if (modelsDir == null) {
            out.println("REAL models: none (" + (NO_MODELS.equals(models) ? "--models " + NO_MODELS
                    : "no ../shared/models beside the repository") + "; --models DIR names a directory of GGUF files,"
                    + " --model NAME=openai:URL a server of your own).");
            return;
        }
        describeGguf(modelsDir, real);
    }

    /** The GGUF files of a models directory, which join the story run. */
    private void describeGguf(Path modelsDir, RealModels real) {
        if (modelsDir == null) {
            return;
        }
        out.println("REAL models from " + modelsDir + (real.isEmpty() ? ": none (no *.gguf file there)." : ":"));
        real.models().forEach(model -> out.println("  " + model.id() + "  (gguf, " + model.describe()
                + "), run in-process by llama.cpp in every worker"));
        real.skipped().forEach(skipped -> out.println("  skipped: " + skipped));
    }

    private static String runId(String kind) {
        return "demo-" + kind + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    private int evaluate(StackClient client, DemoModels evaluated, Integer limit) throws Exception {
        String runId = runId(evaluated.allSimulated() ? "sim" : "own");
        List<BenchmarkInfo> loaded = client.benchmarks();
        List<String> benchmarks = new ArrayList<>();
        Map<String, List<String>> bySource = new TreeMap<>();
        loaded.forEach(benchmark -> {
            // Judged benchmarks (the stories) have their own run, where the real models join in.
            // So do the benchmarks scored by likelihood, in the likelihood run.
            String metric = benchmark.headline().metric();
            if (!StoryRun.BENCHMARK.equals(benchmark.id()) && !"RUBRIC".equals(metric)
                    && !"LIKELIHOOD_ACC".equals(metric) && !"BITS_PER_BYTE".equals(metric)) {
                benchmarks.add(benchmark.id());
            }
            bySource.computeIfAbsent(benchmark.data().source(), source -> new ArrayList<>())
                    .add(benchmark.id() + " (" + benchmark.data().items() + " items)");
        });
        bySource.forEach((source, ids) -> out.println("Data from " + describeSource(source) + ": "
                + String.join(", ", ids)));
        // No overrides: every benchmark runs with the settings its definition declares (GPT-Fathom's).
        Optional<RunAccepted> submitted = DemoRuns.submit(client, RunSpecs.json(runId, evaluated.ids(), benchmarks,
                limit, SettingsOverrides.NONE, 1), "the demo run");
        if (submitted.isEmpty()) {
            return 1;
        }
        RunAccepted accepted = submitted.get();
        out.printf("Run %s submitted: %d tasks on %s. Settings as recorded on every task:%n%s%n", runId,
                accepted.tasks(), String.join(", ", benchmarks),
                settingsTable(accepted.benchmarkSettings()));
        out.println();
        SandboxRuns before = sandboxRuns(client);
        LiveView view = new LiveView(out);
        RunReport report = client.awaitCompleteOrFail(runId, STALL, view::show);
        out.println();
        out.println("Code (humaneval): " + sandboxRuns(client).since(before).describe());
        out.println("Final scores of run " + runId + (evaluated.allSimulated() ? " (all SIMULATED models):" : ":"));
        if (!evaluated.allSimulated()) {
            out.println("  (" + evaluated.legend() + ")");
        }
        out.print(Reports.table(report));
        out.println();
        out.println("Per model, each benchmark weighing the same (mean score ± standard error), overall and per category:");
        out.print(Reports.rollupTable(report));
        out.println();
        return 0;
    }

    /** Built-in samples are small excerpts, not the test sets: a reader must not take their scores for real ones. */
    private static String describeSource(String source) {
        return source.contains("classpath:") ? source + ", small excerpts rather than the full test sets (--datasets DIR"
                + " reads those)" : source;
    }

    private SandboxRuns sandboxRuns(StackClient client) {
        return SandboxRuns.parse(client.graderMetrics());
    }

    private Map<String, String> simulatedLatency() {
        Map<String, String> properties = new HashMap<>();
        for (String model : RunSpecs.SIMULATED_MODELS) {
            properties.put("evalstream.worker.models." + model + ".sim.latency-median", latencyMillis + "ms");
        }
        return properties;
    }

    /** One line per benchmark variant: its effective settings, extraction, metric and settings hash. */
    private static String settingsTable(List<BenchmarkSettings> benchmarkSettings) {
        StringBuilder table = new StringBuilder();
        for (BenchmarkSettings recorded : benchmarkSettings) {
            Settings settings = recorded.settings();
            table.append(String.format(Locale.ROOT, "  %-10s %-8s %2d-shot, CoT %-3s, T=%.1f  %-15s %-16s hash %s%n",
                    recorded.benchmarkId(), recorded.variant(), settings.shots(), settings.chainOfThought() ? "on"
                            : "off", settings.temperature(), recorded.extraction().toLowerCase(Locale.ROOT),
                    recorded.metric().toLowerCase(Locale.ROOT), recorded.settingsHash()));
        }
        return table.toString();
    }
}
