package io.evalstream.worker.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskId;
import io.evalstream.stub.OpenAiStub;
import io.evalstream.worker.StubOpenAiResource;
import io.evalstream.worker.Tasks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 24, through the real broker: a gzip bomb (1 GiB inflated), an endless SSE line and a 50 MB error body, on
 * a streamed and a non-streamed model. Each task ends with exactly one terminal MALFORMED_RESPONSE completion after
 * exactly one request, while the worker (this JVM, -Xmx1g) stays up with its heap well below its limit.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubOpenAiResource.class, restrictToAnnotatedClass = false)
@Timeout(300)
@Tag("integration")
class FloodTest {

    /** fault | model | what the error message says (caps: defaults, SSE lines of stub-gpt at 64 KiB). */
    private static final String FLOODS = """
            gzip-bomb    | stub-gpt  | a server-sent event line exceeds its cap of 65536 bytes
            endless-line | stub-gpt  | a server-sent event line exceeds its cap of 65536 bytes
            huge-error   | stub-gpt  | the HTTP 500 error body exceeds its cap of 4096 bytes
            gzip-bomb    | stub-text | the reply body exceeds its cap of 327680 bytes
            endless-line | stub-text | the reply body exceeds its cap of 327680 bytes
            huge-error   | stub-text | the HTTP 500 error body exceeds its cap of 4096 bytes
            """;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void everyFloodEndsInOneTerminalMalformedCompletionAfterOneRequestAndTheWorkerStaysUp() throws Exception {
        long pid = ProcessHandle.current().pid();
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 8);
        List<String[]> rows = FLOODS.lines().map(line -> line.split("\\|")).toList();
        List<PromptTask> tasks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            tasks.add(task(runId, rows.get(i)[1].strip(), "flood" + i, rows.get(i)[0].strip()));
        }
        Map<String, Completion> completions;
        long peak;
        try (HeapPeak heap = HeapPeak.watch()) {
            new Pipeline(bootstrapServers).publish(tasks);
            completions = new Pipeline(bootstrapServers).awaitOnePerTask(runId, tasks.size(), Duration.ofSeconds(60));
            peak = heap.peak();
        }

        OpenAiStub stub = StubOpenAiResource.stub();
        for (int i = 0; i < rows.size(); i++) {
            PromptTask task = tasks.get(i);
            Completion completion = completions.get(task.taskId().toString());
            String what = rows.get(i)[1].strip() + " with " + rows.get(i)[0].strip();
            assertThat(completion.status()).as(what).isEqualTo(CompletionStatus.ERROR);
            assertThat(completion.error().kind()).as(what).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
            assertThat(completion.error().message()).as(what).contains(rows.get(i)[2].strip(), "not retried");
            assertThat(completion.attempts()).as("attempts of " + what).isEqualTo(1);
            assertThat(stub.requests(task.prompt())).as("requests the stub saw for " + what).isEqualTo(1);
        }
        for (PromptTask task : tasks.subList(1, 3)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> stub.log(task.prompt()).hangUps() == 1);
            assertThat(stub.log(task.prompt()).bytesSent()).as("bytes the stub got out before the worker hung up")
                    .isLessThan(16_000_000L);
        }
        long max = Runtime.getRuntime().maxMemory();
        System.out.printf("FloodTest: peak heap used %d MiB of %d MiB during the floods%n", peak >> 20, max >> 20);
        assertThat(peak).as("peak heap used while a 1 GiB bomb and 50 MB bodies were served").isLessThan(max * 3 / 4);
        assertThat(ProcessHandle.current().pid()).isEqualTo(pid);
        given().get("/q/health/live").then().statusCode(200);
    }

    private static PromptTask task(String runId, String model, String item, String fault) {
        String prompt = "Question: flood me (" + runId + " " + item + ") [[stub:" + fault + "]]\nAnswer:";
        return Tasks.task(new TaskId(runId, model, "gsm8k", item, "default", 0), Extraction.NUMERIC, Category.MATH,
                prompt, "72", Settings.defaults());
    }

    /** The highest heap use seen, sampled every 5 ms until closed. */
    private static final class HeapPeak implements AutoCloseable {

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

        static HeapPeak watch() {
            HeapPeak heap = new HeapPeak();
            heap.sampler.scheduleAtFixedRate(() -> heap.peak.accumulateAndGet(
                    heap.memory.getHeapMemoryUsage().getUsed(), Math::max), 0, 5, TimeUnit.MILLISECONDS);
            return heap;
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }
}
