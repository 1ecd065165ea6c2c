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
 * in this JVM stays out of it. Then the same with two replicas sharing the partitions and one of them killed: the other
 * takes its partitions over and resumes its batches beside its own.
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
        Run run = new Run();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            List<PromptTask> tasks = run.publish(producer);
            LaneWorker first = new LaneWorker(bootstrapServers, run.tasksTopic, run.group, lane(run, producer),
                    TASKS / 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> first.recorded() == TASKS);
            int createdByFirst = settledBatchesCreated();
            first.close();
            assertNoCompletionYet(run);

            LaneWorker second = new LaneWorker(bootstrapServers, run.tasksTopic, run.group, lane(run, producer),
                    TASKS);
            try {
                assertEveryTaskAnsweredOnce(run, tasks);
                assertThat(second.recorded()).as("redelivered tasks acked as already in a recorded batch")
                        .isGreaterThanOrEqualTo(TASKS / 2);
            } finally {
                second.close();
            }
            assertEachSubmittedOnce(tasks);
            assertThat(stub().batchesCreated()).as("the second replica created no batch").isEqualTo(createdByFirst);
        } finally {
            stub().batchDuration(Duration.ZERO);
        }
    }

    @Test
    void theReplicaLeftResumesTheBatchesOfOneKilledBesideItAndKeepsItsOwn() throws Exception {
        Run run = new Run();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            LaneWorker killed = new LaneWorker(bootstrapServers, run.tasksTopic, run.group, lane(run, producer),
                    TASKS / 4);
            LaneWorker left = new LaneWorker(bootstrapServers, run.tasksTopic, run.group, lane(run, producer), TASKS);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> killed.owned() > 0 && left.owned() > 0);
                List<PromptTask> tasks = run.publish(producer);
                // A task redelivered after a rebalance is counted by each replica that acked it: at least once in all.
                await().atMost(Duration.ofSeconds(60)).until(() -> killed.recorded() + left.recorded() >= TASKS);
                assertThat(killed.recorded()).as("the replica to be killed had batches of its own").isPositive();
                int created = settledBatchesCreated();
                killed.close();
                assertNoCompletionYet(run);

                assertEveryTaskAnsweredOnce(run, tasks);
                assertEachSubmittedOnce(tasks);
                assertThat(stub().batchesCreated()).as("no batch created after the kill").isEqualTo(created);
            } finally {
                left.close();
            }
        } finally {
            stub().batchDuration(Duration.ZERO);
        }
    }

    /**
     * The batches created at the stub once that count stops moving: the lane records a batch and acks its tasks
     * before it creates the batch, so "every task recorded" can come a moment before the last creation.
     */
    private static int settledBatchesCreated() {
        int[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            int now = stub().batchesCreated();
            boolean settled = now == last[0];
            last[0] = now;
            return settled;
        });
        return last[0];
    }

    /** A run's own topics and group, and the stub's batches made slow. */
    private final class Run {
        final String suffix = UUID.randomUUID().toString();
        final String tasksTopic = "batch-restart-tasks-" + suffix;
        final String batchesTopic = "batch-restart-batches-" + suffix;
        final String group = "batch-restart-" + suffix;
        final String runId = "batch-restart-" + suffix;

        Run() throws Exception {
            createTopics(tasksTopic, batchesTopic);
            stub().batchDuration(Duration.ofSeconds(30));
        }

        List<PromptTask> publish(KafkaProducer<String, byte[]> producer) {
            List<PromptTask> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                tasks.add(BatchLaneTest.task(runId, MODEL, "q" + i, "Question " + i + ": what is 48 + 24?"));
            }
            for (PromptTask task : tasks) {
                producer.send(new ProducerRecord<>(tasksTopic, task.taskId().toString(), TASK_FORMAT.encode(task)));
            }
            producer.flush();
            return tasks;
        }
    }

    private void assertNoCompletionYet(Run run) {
        try (TopicReader completions = new TopicReader(bootstrapServers, Topics.COMPLETIONS, run.runId)) {
            assertThat(completions.poll()).as("no batch had ended when the replica was killed").isEmpty();
        }
    }

    private void assertEveryTaskAnsweredOnce(Run run, List<PromptTask> tasks) {
        Map<String, Completion> done = new Pipeline(bootstrapServers).awaitOnePerTask(run.runId, tasks.size(),
                Duration.ofSeconds(150));
        assertThat(done.values()).allSatisfy(c -> assertThat(c.status()).isEqualTo(CompletionStatus.OK));
    }

    private static void assertEachSubmittedOnce(List<PromptTask> tasks) {
        Map<String, Integer> submitted = stub().batchSubmissions();
        for (PromptTask task : tasks) {
            assertThat(submitted.get(task.taskId().toString())).as("submissions of %s", task.taskId()).isEqualTo(1);
        }
    }

    private static OpenAiStub stub() {
        return StubOpenAiResource.stub();
    }

    private KafkaProducer<String, byte[]> producer() {
        return KafkaClients.plaintext(bootstrapServers).producer("batch-restart-test", Map.of());
    }

    private BatchLane lane(Run run, KafkaProducer<String, byte[]> producer) {
        OpenAiEndpoint endpoint = new OpenAiEndpoint(URI.create(StubOpenAiResource.stub().baseUrl()), "stub-upstream",
                StubOpenAiResource.SECRET, Duration.ofSeconds(10));
        BatchModel model = new BatchModel(MODEL, endpoint, new BatchSettings(BatchSettings.MAX_REQUESTS,
                BatchSettings.MAX_BYTES, Duration.ofSeconds(1), Duration.ofMillis(500), "24h"));
        return new BatchLane(List.of(model), KafkaClients.plaintext(bootstrapServers), run.batchesTopic, TASKS,
                completion -> {
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
