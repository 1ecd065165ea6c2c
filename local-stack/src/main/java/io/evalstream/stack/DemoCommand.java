package io.evalstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.SettingsOverrides;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./run demo}: a real evaluation end to end on this machine, with a live view and a final scoreboard. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a broker and the four services, evaluate three simulated models on every built-in "
                + "benchmark with its declared settings, show live progress, print the scoreboard and stop everything.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    StackDirs dirs;

    @Option(names = "--limit", description = "At most this many items per benchmark (default: all).")
    Integer limit;

    @Option(names = "--latency-ms", defaultValue = "40",
            description = "Median latency of the simulated models in ms, so progress is visible (default: ${DEFAULT-VALUE}).")
    int latencyMillis;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        Path dir = dirs.workDirOrTemp("evalstream-demo");
        out.println("evalstream demo: a real Kafka broker (KRaft) and four services as separate processes.");
        out.println("Models: " + String.join(", ", RunSpecs.SIMULATED_MODELS)
                + " are SIMULATED (sim backend: seeded accuracy and latency; no real model is called).");
        out.println("Logs and broker data: " + dir);
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(new StackOptions(StackOptions.defaultHome(), dir, dirs.datasets,
                dirs.benchmarks, simulatedLatency(), false))) {
            out.printf("Stack up in %.1f s (Kafka at %s).%n", (System.nanoTime() - started) / 1e9, stack.bootstrapServers());
            return evaluate(new StackClient(stack));
        }
    }

    private int evaluate(StackClient client) throws Exception {
        String runId = "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        JsonNode loaded = client.benchmarks();
        List<String> benchmarks = new ArrayList<>();
        Map<String, List<String>> bySource = new TreeMap<>();
        loaded.forEach(benchmark -> {
            benchmarks.add(benchmark.path("id").asText());
            bySource.computeIfAbsent(benchmark.path("source").asText(), source -> new ArrayList<>())
                    .add(benchmark.path("id").asText() + " (" + benchmark.path("items").asInt() + " items)");
        });
        bySource.forEach((source, ids) -> out.println("Data from " + source + ": " + String.join(", ", ids)));
        // No overrides: every benchmark runs with the settings its definition declares (GPT-Fathom's).
        HttpResponse<String> submitted = client.submit(RunSpecs.json(runId, RunSpecs.SIMULATED_MODELS, benchmarks,
                limit, SettingsOverrides.NONE, 1));
        if (submitted.statusCode() != 202) {
            System.err.println("The prompt-producer refused the demo run (" + submitted.statusCode() + "): "
                    + submitted.body());
            return 1;
        }
        JsonNode accepted = Json.mapper().readTree(submitted.body());
        out.printf("Run %s submitted: %d tasks on %s. Settings as recorded on every task:%n%s%n", runId,
                accepted.path("tasks").asLong(), String.join(", ", benchmarks),
                settingsTable(accepted.path("benchmarkSettings")));
        out.println("Code completions (humaneval) are graded by running them with their tests in the grader's"
                + " bubblewrap sandbox (its isolation is logged in logs/grader-service.log).");
        out.println();
        LiveView view = new LiveView(out);
        JsonNode report = client.awaitComplete(runId, Duration.ofMinutes(10), view::show);
        out.println();
        out.println("Final scores of run " + runId + " (simulated models):");
        out.print(Reports.table(report));
        return 0;
    }

    private Map<String, String> simulatedLatency() {
        Map<String, String> properties = new HashMap<>();
        for (String model : RunSpecs.SIMULATED_MODELS) {
            properties.put("evalstream.worker.models." + model + ".sim.latency-median", latencyMillis + "ms");
        }
        return properties;
    }

    /** One line per benchmark variant: its effective settings, extraction, metric and settings hash. */
    private static String settingsTable(JsonNode benchmarkSettings) {
        StringBuilder table = new StringBuilder();
        for (JsonNode recorded : benchmarkSettings) {
            JsonNode settings = recorded.path("settings");
            table.append(String.format(Locale.ROOT, "  %-10s %-8s %2d-shot, CoT %-3s, T=%.1f  %-15s %-16s hash %s%n",
                    recorded.path("benchmarkId").asText(), recorded.path("variant").asText(),
                    settings.path("shots").asInt(), settings.path("chainOfThought").asBoolean() ? "on" : "off",
                    settings.path("temperature").asDouble(), recorded.path("extraction").asText().toLowerCase(Locale.ROOT),
                    recorded.path("metric").asText().toLowerCase(Locale.ROOT), recorded.path("settingsHash").asText()));
        }
        return table.toString();
    }
}
