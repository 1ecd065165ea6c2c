package io.evalstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.Settings;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./run demo}: a real evaluation end to end on this machine, with a live view and a final scoreboard. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a broker and the four services, evaluate three simulated models on GSM8K and MMLU, "
                + "show live progress, print the scoreboard and stop everything.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    StackDirs dirs;

    @Option(names = "--limit", description = "At most this many items per benchmark (default: all).")
    Integer limit;

    @Option(names = "--shots", defaultValue = "3", description = "Few-shot exemplars per prompt (default: ${DEFAULT-VALUE}).")
    int shots;

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
                simulatedLatency()))) {
            out.printf("Stack up in %.1f s (Kafka at %s).%n", (System.nanoTime() - started) / 1e9, stack.bootstrapServers());
            return evaluate(new StackClient(stack));
        }
    }

    private int evaluate(StackClient client) throws Exception {
        String runId = "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Settings settings = Settings.of(shots, true, 0.0, 1.0, 256, 0L, null);
        HttpResponse<String> submitted = client.submit(
                RunSpecs.json(runId, RunSpecs.SIMULATED_MODELS, limit, settings, 1));
        if (submitted.statusCode() != 202) {
            System.err.println("The prompt-producer refused the demo run (" + submitted.statusCode() + "): "
                    + submitted.body());
            return 1;
        }
        JsonNode accepted = Json.mapper().readTree(submitted.body());
        out.printf("Run %s submitted: %d tasks, settings %s (settings hash per benchmark: %s).%n%n", runId,
                accepted.path("tasks").asLong(), settingsSummary(settings), hashes(accepted.path("settingsHash")));
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

    /** The producer answers one hash per benchmark, since the extraction method is part of the settings. */
    private static String hashes(JsonNode byBenchmark) {
        StringBuilder out = new StringBuilder();
        byBenchmark.properties().forEach(entry -> out.append(out.isEmpty() ? "" : ", ")
                .append(entry.getKey()).append(' ').append(entry.getValue().asText()));
        return out.isEmpty() ? "-" : out.toString();
    }

    private static String settingsSummary(Settings settings) {
        return settings.shots() + "-shot, chain-of-thought " + (settings.chainOfThought() ? "on" : "off")
                + ", temperature " + settings.temperature();
    }
}
