package io.evalstream.worker.messaging;

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
import io.evalstream.worker.openai.batch.BatchLane;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tasks of a batch-lane model through the real broker and the worker's tasks channel: each is sent in a batch to the
 * stub once and ends in exactly one completion of backend {@value BatchLane#KIND}, answers and errors alike.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubOpenAiResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
@Tag("integration")
class BatchLaneTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void answersEveryTaskOnceWithFailedAndExpiredRequestsAsErrorCompletions() throws Exception {
        String runId = "batch-" + UUID.randomUUID();
        List<PromptTask> tasks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            tasks.add(task(runId, "q" + i, "What is 48 + " + i + "?"));
        }
        PromptTask expired = task(runId, "expired", "What is 1 + 1? [[stub:batch-expire]]");
        PromptTask failed = task(runId, "failed", "What is 2 + 2? [[stub:status=500]]");
        tasks.add(expired);
        tasks.add(failed);

        new Pipeline(bootstrapServers).publish(tasks);
        Map<String, Completion> completions = new Pipeline(bootstrapServers).awaitOnePerTask(runId, tasks.size(),
                Duration.ofSeconds(90));

        OpenAiStub stub = StubOpenAiResource.stub();
        for (PromptTask task : tasks) {
            Completion completion = completions.get(task.taskId().toString());
            assertThat(completion.backend()).isEqualTo(BatchLane.KIND);
            assertThat(completion.attempts()).isEqualTo(1);
            assertThat(stub.batchSubmissions().get(task.taskId().toString())).as("submissions of %s", task.taskId())
                    .isEqualTo(1);
            if (task != expired && task != failed) {
                assertThat(completion.status()).isEqualTo(CompletionStatus.OK);
                assertThat(completion.text()).isEqualTo(OpenAiStub.ANSWER);
                assertThat(completion.usage().promptTokens()).as("the stub's usage: characters / 4, rounded up")
                        .isEqualTo((task.prompt().length() + 3) / 4);
            }
        }
        assertThat(completions.get(expired.taskId().toString()).error())
                .satisfies(error -> assertThat(error.kind()).isEqualTo(ErrorKind.TIMEOUT))
                .satisfies(error -> assertThat(error.message()).contains("expired before this request ran"));
        assertThat(completions.get(failed.taskId().toString()).error())
                .satisfies(error -> assertThat(error.kind()).isEqualTo(ErrorKind.SERVER_ERROR))
                .satisfies(error -> assertThat(error.message()).contains("returned HTTP 500"));
    }

    @Test
    void endsTheTasksOfAFailedBatchAsClientErrorsNamingWhy() throws Exception {
        String runId = "batch-fail-" + UUID.randomUUID();
        PromptTask task = task(runId, "bad", "What is 3 + 3? [[stub:batch-fail]]");

        new Pipeline(bootstrapServers).publish(List.of(task));
        Completion completion = new Pipeline(bootstrapServers).awaitOnePerTask(runId, 1, Duration.ofSeconds(60))
                .get(task.taskId().toString());

        assertThat(completion.status()).isEqualTo(CompletionStatus.ERROR);
        assertThat(completion.error().kind()).isEqualTo(ErrorKind.CLIENT_ERROR);
        assertThat(completion.error().message()).contains("failed: invalid_request: line 1 asks the stub to fail");
    }

    static PromptTask task(String runId, String item, String prompt) {
        return task(runId, StubOpenAiResource.BATCH_MODEL, item, prompt);
    }

    static PromptTask task(String runId, String model, String item, String prompt) {
        return io.evalstream.worker.Tasks.task(new TaskId(runId, model, "gsm8k", item, "default", 0),
                Extraction.NUMERIC, Category.MATH, prompt, "72", Settings.defaults());
    }
}
