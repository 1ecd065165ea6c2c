package io.evalstream.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.evalstream.worker.StubOpenAiResource;
import io.evalstream.worker.Tasks;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real tiny GGUF models (configured in the %test profile) served through the real broker. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StubOpenAiResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
@Tag("integration")
class GgufPipelineTest {

    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);
    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void servesStoryTasksWithARealModelAndEndsAnUntokenizablePromptAsBadInput() throws Exception {
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 8);
        List<PromptTask> tasks = List.of(
                Tasks.story(runId, "stories260K", "s01", "Once upon a time", 24),
                Tasks.story(runId, "babyllama-tok105", "s01", "Once upon a time", 24),
                Tasks.story(runId, "babyllama-tok105", "s02", "Once upon a time\nthere was a cat", 24));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            for (PromptTask task : tasks) {
                producer.send(new ProducerRecord<>(Topics.TASKS, task.taskId().toString(), TASKS.encode(task)))
                        .get(30, TimeUnit.SECONDS);
            }
        }

        Map<String, Completion> completions = read(runId, tasks.size());
        assertThat(completions.get("stories260K/stories/s01")).satisfies(c -> {
            assertThat(c.status()).isEqualTo(CompletionStatus.OK);
            assertThat(c.backend()).isEqualTo("gguf");
            assertThat(c.simulated()).isFalse();
            assertThat(c.text()).isEqualTo(", there was a little girl named Lily. She loved to play outside in the p");
            assertThat(c.usage().promptTokens()).isPositive();
            assertThat(c.usage().completionTokens()).isEqualTo(24);
            assertThat(c.firstTokenMillis()).isNotNull().isLessThanOrEqualTo(c.latencyMillis());
        });
        assertThat(completions.get("babyllama-tok105/stories/s01").text()).isEqualTo(", there was a little gir");
        assertThat(completions.get("babyllama-tok105/stories/s02")).satisfies(c -> {
            assertThat(c.status()).isEqualTo(CompletionStatus.ERROR);
            assertThat(c.backend()).isEqualTo("gguf");
            assertThat(c.error().kind()).isEqualTo(ErrorKind.BAD_INPUT);
            assertThat(c.error().message()).contains("model 'babyllama-tok105' cannot tokenize the prompt",
                    "'\\n' U+000A");
        });
    }

    /** The run's completions keyed by model/benchmark/item. */
    private Map<String, Completion> read(String runId, int count) {
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.COMPLETIONS, runId)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> reader.poll().size() >= count);
            return reader.poll().stream().map(r -> switch (COMPLETIONS.decode(r.value())) {
                case Decoded.Valid<Completion> valid -> valid.value();
                case Decoded.Invalid<Completion> invalid -> throw new AssertionError(invalid.reason());
            }).collect(Collectors.toMap(c -> c.taskId().modelId() + "/" + c.taskId().benchmarkId() + "/"
                    + c.taskId().itemId(), Function.identity()));
        }
    }
}
