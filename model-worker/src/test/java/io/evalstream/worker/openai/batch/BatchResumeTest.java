package io.evalstream.worker.openai.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskId;
import io.evalstream.stub.OpenAiStub;
import io.evalstream.worker.StubOpenAiResource;
import io.evalstream.worker.Tasks;
import io.evalstream.worker.openai.OpenAiEndpoint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A worker stopped after recording a batch but before recording its id (before or after it created it at the
 * provider): the owner of the partition next looks the batch up by its input file and creates it only when the
 * provider has none, so the tasks are submitted once either way, and answered once.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubOpenAiResource.class, restrictToAnnotatedClass = false)
@Timeout(120)
@Tag("integration")
class BatchResumeTest {

    private static final String MODEL = "stub-batch-resume";
    private static final int PARTITION = 2;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ParameterizedTest(name = "created before the stop: {0}")
    @ValueSource(booleans = {true, false})
    void resumesARecordWithoutABatchIdSubmittingEveryTaskOnce(boolean createdBeforeStop) throws Exception {
        String topic = "batch-resume-" + UUID.randomUUID();
        KafkaClients kafka = KafkaClients.plaintext(bootstrapServers);
        try (Admin admin = kafka.admin("batch-resume-test")) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        OpenAiStub stub = StubOpenAiResource.stub();
        BatchModel model = new BatchModel(MODEL, new OpenAiEndpoint(URI.create(stub.baseUrl()), "stub-upstream",
                StubOpenAiResource.SECRET, Duration.ofSeconds(10)), new BatchSettings(100, 1_000_000,
                Duration.ofSeconds(1), Duration.ofMillis(100), "24h"));
        String runId = "batch-resume-" + UUID.randomUUID();
        List<PromptTask> tasks = new ArrayList<>();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            PromptTask task = Tasks.task(new TaskId(runId, MODEL, "gsm8k", "q" + i, "default", 0), Extraction.NUMERIC,
                    Category.MATH, "What is " + i + " + 72?", "72", Settings.defaults());
            tasks.add(task);
            file.writeBytes(BatchLines.request(model.endpoint(), task));
        }
        // What the stopped worker did: upload, record (no batch id), perhaps create.
        BatchApi api = new BatchApi(model.endpoint());
        String fileId = api.upload(file.toByteArray(), "stopped.jsonl");
        if (createdBeforeStop) {
            api.create(fileId, "24h", Map.of());
        }
        int createdBefore = stub.batchesCreated();
        try (BatchLedger ledger = new BatchLedger(kafka, topic)) {
            ledger.write(BatchRecord.parts(null, MODEL, fileId, PARTITION, Instant.now(), tasks,
                    BatchRecord.PART_BYTES)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        Map<String, List<Completion>> published = new ConcurrentHashMap<>();
        try (BatchLane lane = new BatchLane(List.of(model), kafka, topic, 100, completion -> {
            published.computeIfAbsent(completion.taskId().toString(), id -> new java.util.concurrent
                    .CopyOnWriteArrayList<>()).add(completion);
            return CompletableFuture.completedStage(null);
        })) {
            lane.own(Set.of(PARTITION));
            await().atMost(Duration.ofSeconds(60)).until(() -> published.size() == tasks.size());
        }

        assertThat(published.values()).allSatisfy(completions -> assertThat(completions).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CompletionStatus.OK)));
        assertThat(stub.batchesCreated()).as("batches created on resuming")
                .isEqualTo(createdBefore + (createdBeforeStop ? 0 : 1));
        for (PromptTask task : tasks) {
            assertThat(stub.batchSubmissions().get(task.taskId().toString())).isEqualTo(1);
        }
        try (BatchLedger ledger = new BatchLedger(kafka, topic)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ledger.read(PARTITION, Set.of(MODEL)).isEmpty());
        }
    }
}
