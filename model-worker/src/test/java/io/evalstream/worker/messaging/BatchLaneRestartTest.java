package io.evalstream.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.evalstream.stub.OpenAiStub;
import io.evalstream.worker.StubOpenAiResource;
import io.evalstream.worker.openai.OpenAiEndpoint;
import io.evalstream.worker.openai.batch.BatchLane;
import io.evalstream.worker.openai.batch.BatchModel;
import io.evalstream.worker.openai.batch.BatchSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A batch-lane run of 2,000 tasks through stub batches that take 30 s (a provider's take minutes to hours; the lane
 * only polls, so the length does not change what is tested), with the replica that sent them killed mid-batch before
 * it committed half of their offsets, and another started in its consumer group: every task ends in exactly one
 * completion and the stub saw every task in exactly one batch. Own tasks and batches topics, so the service's worker
 * in this JVM stays out of it.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubOpenAiResource.class, restrictToAnnotatedClass = false)
@Timeout(300)
@Tag("integration")
class BatchLaneRestartTest {

    private static final int TASKS = 2_000;
    private static final String MODEL = "stub-batch-restart";
    private static final WireFormat<PromptTask> TASK_FORMAT = WireFormat.of(PromptTask.class);
    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aReplicaKilledMidBatchIsResumedByTheNextWithoutSubmittingAnyTaskTwice() throws Exception {
        String suffix = UUID.randomUUID().toString();
        String tasksTopic = "batch-restart-tasks-" + suffix;
        String batchesTopic = "batch-restart-batches-" + suffix;
        String group = "batch-restart-" + suffix;
        String runId = "batch-restart-" + suffix;
        createTopics(tasksTopic, batchesTopic);
        OpenAiStub stub = StubOpenAiResource.stub();
        stub.batchDuration(Duration.ofSeconds(30));
        try (KafkaProducer<String, byte[]> producer = KafkaClients.plaintext(bootstrapServers)
                .producer("batch-restart-test", Map.of())) {
            List<PromptTask> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                tasks.add(BatchLaneTest.task(runId, MODEL, "q" + i, "Question " + i + ": what is 48 + 24?"));
            }
            for (PromptTask task : tasks) {
                producer.send(new ProducerRecord<>(tasksTopic, task.taskId().toString(), TASK_FORMAT.encode(task)));
            }
            producer.flush();

            LaneWorker first = new LaneWorker(bootstrapServers, tasksTopic, group, lane(batchesTopic, producer),
                    TASKS / 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> first.recorded() == TASKS);
            int createdByFirst = stub.batchesCreated();
            first.close();
            try (TopicReader completions = new TopicReader(bootstrapServers, Topics.COMPLETIONS, runId)) {
                assertThat(completions.poll()).as("no batch had ended when the first replica was killed").isEmpty();
            }

            LaneWorker second = new LaneWorker(bootstrapServers, tasksTopic, group, lane(batchesTopic, producer),
                    TASKS);
            try {
                Map<String, Completion> done = new Pipeline(bootstrapServers).awaitOnePerTask(runId, TASKS,
                        Duration.ofSeconds(150));
                assertThat(done.values()).allSatisfy(c -> assertThat(c.status()).isEqualTo(CompletionStatus.OK));
                assertThat(second.recorded()).as("redelivered tasks acked as already in a recorded batch")
                        .isGreaterThanOrEqualTo(TASKS / 2);
            } finally {
                second.close();
            }
            Map<String, Integer> submitted = stub.batchSubmissions();
            for (PromptTask task : tasks) {
                assertThat(submitted.get(task.taskId().toString())).as("submissions of %s", task.taskId())
                        .isEqualTo(1);
            }
            assertThat(stub.batchesCreated()).as("the second replica created no batch").isEqualTo(createdByFirst);
        } finally {
            stub.batchDuration(Duration.ZERO);
        }
    }

    private BatchLane lane(String batchesTopic, KafkaProducer<String, byte[]> producer) {
        OpenAiEndpoint endpoint = new OpenAiEndpoint(URI.create(StubOpenAiResource.stub().baseUrl()), "stub-upstream",
                StubOpenAiResource.SECRET, Duration.ofSeconds(10));
        BatchModel model = new BatchModel(MODEL, endpoint, new BatchSettings(BatchSettings.MAX_REQUESTS,
                BatchSettings.MAX_BYTES, Duration.ofSeconds(1), Duration.ofMillis(500), "24h"));
        return new BatchLane(List.of(model), KafkaClients.plaintext(bootstrapServers), batchesTopic, TASKS, completion -> {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(Topics.COMPLETIONS, completion.taskId().toString(),
                    COMPLETIONS.encode(completion)), (metadata, failure) -> {
                        if (failure == null) {
                            acked.complete(null);
                        } else {
                            acked.completeExceptionally(failure);
                        }
                    });
            return acked;
        });
    }

    private void createTopics(String tasksTopic, String batchesTopic) throws Exception {
        try (Admin admin = KafkaClients.plaintext(bootstrapServers).admin("batch-restart-test")) {
            admin.createTopics(List.of(new NewTopic(tasksTopic, 6, (short) 1),
                    new NewTopic(batchesTopic, 6, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                            TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get(30, TimeUnit.SECONDS);
        }
    }
}
