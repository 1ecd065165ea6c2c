package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.stub.OpenAiStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of the user's own, named as {@code ./run up --model mine=openai:URL,key-env=MY_KEY} names it, served by
 * an OpenAI-compatible server in its own process (the stub) that wants a bearer key: the run completes, every
 * request carried the key, and the key is in no log, metrics page, report or command line of the stack. Its own
 * stack, since its worker needs the model and the key's variable; free ports, not the documented ones.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@Tag("integration")
class OwnModelTest {

    private static final String MODEL = "mine";
    private static final String KEY_VARIABLE = "MY_KEY";
    private static final String KEY = "sk-own-canary-" + UUID.randomUUID().toString().replace("-", "");
    private static final List<String> BENCHMARKS = List.of("gsm8k", "mmlu");
    private static final int ITEMS = 3;

    @TempDir
    static Path work;
    private static StubProcess stub;
    private static LocalStack stack;
    private static StackClient client;

    @BeforeAll
    static void start() throws IOException {
        stub = StubProcess.start(work.resolve("stub.log"));
        // The worker's environment: this one, which it inherits, plus the key's variable.
        Map<String, String> workerEnvironment = new HashMap<>(System.getenv());
        workerEnvironment.put(KEY_VARIABLE, KEY);
        OwnModels own = OwnModels.resolve(List.of(MODEL + "=openai:" + stub.baseUrl() + ",key-env=" + KEY_VARIABLE),
                null, workerEnvironment, Path.of(""));
        stack = LocalStack.start(StackOptions.of(StackOptions.defaultHome(), work.resolve("stack"), null,
                own.workerProperties()).withWorkerEnvironment(Map.of(KEY_VARIABLE, KEY)));
        client = new StackClient(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void theOwnModelIsEvaluatedWithItsKeyAndTheKeyIsNowhereInTheStack() throws Exception {
        String runId = "own-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> submitted = client.submit(RunSpecs.json(runId, List.of(MODEL), BENCHMARKS, ITEMS,
                SettingsOverrides.NONE, 1));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        RunReport report = client.awaitComplete(runId, Duration.ofMinutes(5), r -> { });

        assertThat(Reports.graded(report)).isEqualTo(BENCHMARKS.size() * ITEMS).isEqualTo(Reports.expected(report));
        for (String benchmark : BENCHMARKS) {
            assertThat(Reports.cell(report, MODEL, benchmark).orElseThrow().counts().errors()).as(benchmark).isZero();
        }
        JsonNode seen = stub.requests();
        assertThat(seen.path("total").asLong()).as("requests the stub answered")
                .isGreaterThanOrEqualTo(BENCHMARKS.size() * ITEMS);
        Map<String, Long> byHeader = new TreeMap<>();
        seen.path("authorization").properties().forEach(e -> byHeader.put(e.getKey(), e.getValue().asLong()));
        assertThat(byHeader).as("requests by Authorization header, every one with the key").containsExactly(Map.entry(OpenAiStub.fingerprint("Bearer " + KEY), seen.path("total").asLong()));

        List<String> leaks = new ArrayList<>();
        leaks.addAll(searchFiles());
        leaks.addAll(searchPages(runId));
        leaks.addAll(searchCommandLines());
        assertThat(leaks).as("places holding the key").isEmpty();
    }

    /** Every file the stack wrote but the API token file: the four service logs among them. */
    private static List<String> searchFiles() throws IOException {
        List<String> leaks = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(stack.workDir())) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.equals(stack.token().file())).toList();
        }
        assertThat(files).as("service logs searched").filteredOn(f -> f.toString().endsWith(".log"))
                .extracting(f -> f.getFileName().toString())
                .contains("prompt-producer.log", "model-worker.log", "grader-service.log", "aggregator.log");
        for (Path file : files) {
            try {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                Canaries.found(text, List.of(KEY)).forEach(form -> leaks.add("file " + file + ": " + form));
            } catch (NoSuchFileException replaced) {
                // The broker and Streams replace segment and state files all the time.
            }
        }
        return leaks;
    }

    private static List<String> searchPages(String runId) {
        List<URI> pages = new ArrayList<>();
        stack.services().forEach(service -> pages.add(service.uri("/q/metrics")));
        pages.add(stack.aggregator("/runs/" + runId + "/report"));
        pages.add(stack.aggregator("/runs/" + runId + "/report?format=markdown"));
        List<String> leaks = new ArrayList<>();
        for (URI page : pages) {
            HttpResponse<String> response = client.get(page);
            assertThat(response.statusCode()).as(page.toString()).isEqualTo(200);
            Canaries.found(response.body(), List.of(KEY)).forEach(form -> leaks.add("page " + page + ": " + form));
        }
        return leaks;
    }

    /** What {@code ps} shows every user: the broker's and every service's command line. */
    private static List<String> searchCommandLines() throws IOException {
        List<Long> pids = new ArrayList<>(stack.services().stream().map(ServiceProcess::pid).toList());
        pids.add(stack.kafka().pid());
        List<String> leaks = new ArrayList<>();
        String worker = cmdline(stack.service("model-worker").pid());
        assertThat(worker).as("the worker is told where the key is, not the key")
                .contains("openai.api-key=${" + KEY_VARIABLE + "}");
        for (long pid : pids) {
            Canaries.found(cmdline(pid), List.of(KEY)).forEach(form -> leaks.add("command line of " + pid + ": " + form));
        }
        return leaks;
    }

    private static String cmdline(long pid) throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                .replace('\0', ' ');
    }
}
