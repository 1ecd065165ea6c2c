package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.contracts.DeadLetter;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Records pushed onto the tasks topic by an outside client (kcat, as users do) that are not valid JSON
 * or not a valid task end on the dead-letter topic with their reason, and the run around them completes.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DeadLetterTest extends SharedStack {

    @Test
    void badRecordsPushedWithKcatLandOnTheDeadLetterTopicWithTheirReasonAndTheRunCompletes() throws Exception {
        String runId = "e2e-dlq-" + System.currentTimeMillis();
        String notJson = "this is not json " + runId;
        String missingPrompt = """
                {"schemaVersion":1,"taskId":"%s/sim-strong/gsm8k/x1/default/0","purpose":"EVAL",\
                "extraction":"NUMERIC","reference":"4","category":"MATH","settings":{},"settingsHash":"abc"}"""
                .formatted(runId);

        String spec = RunSpecs.json(runId, List.of("sim-strong", "sim-weak"), RunSpecs.THROUGHPUT_BENCHMARKS, 50,
                new SettingsOverrides(0, false, 0.7, null, null, null, null), 2);
        assertThat(client.submit(spec).statusCode()).isEqualTo(202);
        push(runId + "/poison-1", notJson);
        push(runId + "/sim-strong/gsm8k/x1/default/0", missingPrompt);

        client.awaitComplete(runId, Duration.ofMinutes(5), report -> { });
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(deadLetter(notJson)).hasValueSatisfying(record -> {
                assertThat(header(record, DeadLetter.REASON)).contains("not a valid JSON");
                assertThat(header(record, DeadLetter.TOPIC)).isEqualTo(Topics.TASKS);
                assertThat(header(record, DeadLetter.OFFSET)).matches("\\d+");
                assertThat(header(record, DeadLetter.PARTITION)).matches("\\d+");
            });
            assertThat(deadLetter(missingPrompt)).hasValueSatisfying(record ->
                    assertThat(header(record, DeadLetter.REASON)).contains("prompt"));
        });
    }

    private static Optional<ConsumerRecord<String, byte[]>> deadLetter(String rawValue) {
        byte[] raw = rawValue.getBytes(StandardCharsets.UTF_8);
        return TopicReader.readAll(stack.bootstrapServers(), Topics.DLQ).stream()
                .filter(record -> Arrays.equals(record.value(), raw)).findFirst();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Pushes one keyed record with kcat, the way the README shows; with the Java client only when kcat is missing. */
    private static void push(String key, String value) throws IOException, InterruptedException {
        if (Kcat.available()) {
            Kcat.produce(stack.bootstrapServers(), Topics.TASKS, key, value);
            return;
        }
        System.err.println("""
                ************************************************************************
                kcat is not installed, so this test pushes its records with the Java
                Kafka client instead of a real outside client. .ci/run installs kcat
                (apt-get install kcat).
                ************************************************************************""");
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.TASKS, key, value)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("cannot push a record onto " + Topics.TASKS, e.getCause());
        }
    }
}
