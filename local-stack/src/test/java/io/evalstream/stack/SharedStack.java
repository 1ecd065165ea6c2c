package io.evalstream.stack;

import io.evalstream.broker.Directories;
import io.evalstream.stub.OpenAiStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * Base of the end-to-end tests: one local stack per test JVM, since booting a broker and four services costs
 * tens of seconds. Tests keep out of each other's way with their own run ids.
 */
@Tag("integration")
abstract class SharedStack {

    /** A simulated model that answers every task in exactly 500 ms, for runs that must last a while. */
    static final String PACED_MODEL = "sim-paced";

    /** Two versions of a simulated model with a seesaw: v2 gains on gsm8k and loses on mmlu. */
    static final String SEESAW_V1 = "sim-v1";
    static final String SEESAW_V2 = "sim-v2";
    /** A simulated model that fails a tenth of its requests, mostly for good (client errors), for error panels. */
    static final String FLAKY_MODEL = "sim-flaky";

    /**
     * A simulated model that is far better than {@code sim-medium} on gsm8k and far worse on mmlu: a seesaw
     * when compared with it.
     */
    static final String SEESAW_MODEL = "sim-seesaw";

    /** An OpenAI-compatible server in this JVM, answering at once: the endpoint of the budgeted model. */
    static final OpenAiStub STUB = OpenAiStub.start();

    /** A model served by {@link #STUB} under a global budget of {@value #BUDGET_PER_MINUTE} requests a minute. */
    static final String BUDGETED_MODEL = "stub-budgeted";
    static final int BUDGET_PER_MINUTE = 600;

    /** A model served by {@link #STUB} at GPT-4o's list price, US dollars per million tokens in and out. */
    static final String PRICED_MODEL = "stub-priced";
    static final double PRICED_INPUT = 2.5;
    static final double PRICED_OUTPUT = 10.0;

    /**
     * What every worker replica of the shared stack runs with. The paced model only makes a run slow when the
     * replicas cannot take on thousands of tasks at once, so each serves at most 16 at a time (32 tasks/s
     * of the paced model, slower than the graders and the aggregator even on a busy machine; the instant
     * simulated models are not held back by it). A killed replica's
     * partitions move to the others after the shortest session timeout the broker allows.
     */
    static final Map<String, String> WORKER_PROPERTIES = Map.ofEntries(
            Map.entry("evalstream.worker.models." + PACED_MODEL + ".backend", "sim"),
            Map.entry("evalstream.worker.models." + PACED_MODEL + ".sim.accuracy", "0.7"),
            Map.entry("evalstream.worker.models." + PACED_MODEL + ".sim.latency-median", "500ms"),
            Map.entry("evalstream.worker.models." + PACED_MODEL + ".sim.latency-sigma", "0"),
            Map.entry("evalstream.worker.models." + SEESAW_V1 + ".backend", "sim"),
            Map.entry("evalstream.worker.models." + SEESAW_V1 + ".sim.accuracy", "0.5"),
            Map.entry("evalstream.worker.models." + SEESAW_V1 + ".sim.benchmark-accuracy.mmlu", "0.8"),
            Map.entry("evalstream.worker.models." + SEESAW_V1 + ".sim.benchmark-accuracy.gsm8k", "0.4"),
            Map.entry("evalstream.worker.models." + SEESAW_V2 + ".backend", "sim"),
            Map.entry("evalstream.worker.models." + SEESAW_V2 + ".sim.benchmark-accuracy.mmlu", "0.5"),
            Map.entry("evalstream.worker.models." + SEESAW_V2 + ".sim.benchmark-accuracy.gsm8k", "0.8"),
            Map.entry("evalstream.worker.models." + FLAKY_MODEL + ".backend", "sim"),
            Map.entry("evalstream.worker.models." + FLAKY_MODEL + ".sim.profile", "flaky"),
            Map.entry("evalstream.worker.models." + FLAKY_MODEL + ".sim.error-rate", "0.1"),
            Map.entry("evalstream.worker.models." + FLAKY_MODEL + ".sim.error-kinds.CLIENT_ERROR", "3"),
            Map.entry("evalstream.worker.models." + FLAKY_MODEL + ".sim.error-kinds.RATE_LIMITED", "1"),
            Map.entry("evalstream.worker.models." + SEESAW_MODEL + ".backend", "sim"),
            Map.entry("evalstream.worker.models." + SEESAW_MODEL + ".sim.profile", "medium"),
            Map.entry("evalstream.worker.models." + SEESAW_MODEL + ".sim.benchmark-accuracy.gsm8k", "0.9"),
            Map.entry("evalstream.worker.models." + SEESAW_MODEL + ".sim.benchmark-accuracy.mmlu", "0.05"),
            Map.entry("evalstream.worker.models." + BUDGETED_MODEL + ".backend", "openai"),
            Map.entry("evalstream.worker.models." + BUDGETED_MODEL + ".openai.base-url", STUB.baseUrl()),
            Map.entry("evalstream.worker.models." + BUDGETED_MODEL + ".limits.requests-per-minute",
                    Integer.toString(BUDGET_PER_MINUTE)),
            Map.entry("evalstream.worker.models." + PRICED_MODEL + ".backend", "openai"),
            Map.entry("evalstream.worker.models." + PRICED_MODEL + ".openai.base-url", STUB.baseUrl()),
            Map.entry("evalstream.worker.models." + PRICED_MODEL + ".price.input-per-million",
                    Double.toString(PRICED_INPUT)),
            Map.entry("evalstream.worker.models." + PRICED_MODEL + ".price.output-per-million",
                    Double.toString(PRICED_OUTPUT)),
            Map.entry("evalstream.worker.max-in-flight", "16"),
            Map.entry("mp.messaging.incoming.tasks.session.timeout.ms", "6000"),
            Map.entry("mp.messaging.incoming.tasks.heartbeat.interval.ms", "2000"));

    /** The tiny real GGUF models beside the repository, served in-process by every worker of the shared stack. */
    static final RealModels REAL_MODELS = realModels();

    private static LocalStack shared;

    static LocalStack stack;
    static StackClient client;

    @BeforeAll
    static void startStack() {
        stack = get();
        client = new StackClient(stack);
    }

    private static synchronized LocalStack get() {
        if (shared == null) {
            try {
                Map<String, String> workers = new HashMap<>(WORKER_PROPERTIES);
                workers.putAll(REAL_MODELS.workerProperties());
                Path dir = Files.createTempDirectory("evalstream-e2e");
                shared = LocalStack.start(StackOptions.of(StackOptions.defaultHome(), dir, null, workers));
                // The stack stops when the test JVM exits, and its data is no use to anyone after that.
                ExitHook.cleanUpAtExit(() -> Directories.delete(dir));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a work directory for the stack", e);
            }
        }
        return shared;
    }

    /**
     * Fails when {@code EVALSTREAM_REQUIRE_SHARED} is set ({@code ./run test} sets it when {@code ../shared} is beside
     * the repository, as in CI): there missing models are a broken checkout, not a reason to check less.
     */
    static void requireShared(String check, Path missing) {
        if (System.getenv("EVALSTREAM_REQUIRE_SHARED") != null) {
            throw new AssertionError(check + " need " + missing + ", which is missing although"
                    + " EVALSTREAM_REQUIRE_SHARED is set: the tests fail rather than run on simulated models only");
        }
    }

    private static RealModels realModels() {
        Path dir = StackOptions.defaultHome().resolve("../shared/models").normalize();
        if (!Files.isDirectory(dir)) {
            requireShared("the end-to-end tests' real models", dir);
            System.err.println("!!! No real models at " + dir + ": the end-to-end tests run on simulated models only,"
                    + " and the real-model tests will fail saying so. Put the GGUF files of ../shared/models there.");
            return RealModels.none();
        }
        return RealModels.in(dir);
    }

    /** {@code evalstream_code_executions_total} of the grader, over every status. */
    static double codeExecutions() {
        return client.get(stack.service("grader-service").uri("/q/metrics")).body().lines()
                .filter(line -> line.startsWith("evalstream_code_executions_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
