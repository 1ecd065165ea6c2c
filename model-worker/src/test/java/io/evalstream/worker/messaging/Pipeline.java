package io.evalstream.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Tasks onto the real broker, completions back, counted by key. */
final class Pipeline {

    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);
    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);

    private final String bootstrapServers;

    Pipeline(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    void publish(List<PromptTask> tasks) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = tasks.stream().map(t -> producer.send(
                    new ProducerRecord<>(Topics.TASKS, t.taskId().toString(), TASKS.encode(t)))).toList();
            for (Future<RecordMetadata> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Waits until every task of the run has a completion, checks for two more seconds that no second one
     * arrives, and returns them by task id.
     */
    Map<String, Completion> awaitOnePerTask(String runId, int count, Duration within) {
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.COMPLETIONS, runId)) {
            await().atMost(within).until(() -> reader.poll().size() >= count);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> reader.poll().size() == count);
            List<ConsumerRecord<String, byte[]>> records = reader.poll();
            Map<String, Completion> byKey = records.stream()
                    .collect(Collectors.toMap(ConsumerRecord::key, Pipeline::decode));
            assertThat(byKey).as("one completion per task id").hasSize(count);
            byKey.forEach((key, completion) -> assertThat(completion.taskId().toString()).isEqualTo(key));
            return byKey;
        }
    }

    static double counter(String metrics, String series) {
        Matcher matcher = Pattern.compile(Pattern.quote(series) + " ([0-9.eE+]+)").matcher(metrics);
        assertThat(matcher.find()).as("series %s in /q/metrics", series).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static Completion decode(ConsumerRecord<String, byte[]> record) {
        return switch (COMPLETIONS.decode(record.value())) {
            case Decoded.Valid<Completion> valid -> valid.value();
            case Decoded.Invalid<Completion> invalid -> throw new AssertionError("unreadable completion: "
                    + invalid.reason());
        };
    }
}
