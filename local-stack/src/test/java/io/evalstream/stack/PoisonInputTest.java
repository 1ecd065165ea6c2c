package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.DeadLetter;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.TopicAdmin;
import io.evalstream.contracts.Topics;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.stack.PoisonRecords.Poison;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The poison-input suite: {@link PoisonRecords} pushes some 190 bad records onto the four consumed topics (tasks,
 * completions, grades, runs) while a real run goes on, with kcat as users do, and with the Java client for what kcat
 * cannot send (raw bytes, no key, line breaks, 5 MB). Each one must be on the dead-letter topic with its reason
 * and its source topic, partition and offset; no service may restart; the run must complete with exact counts.
 *
 * <p>What is tolerated, by design, and proven processed here rather than dead-lettered:
 * <ul>
 *   <li>An unknown field in a record of a known schema version: evolution is additive, consumers ignore unknown
 *       fields. An unknown field in a record of an unknown version fails on the version.</li>
 *   <li>A missing key on tasks, completions and grades: outside producers may omit it (the aggregator re-keys by
 *       taskId); a keyless record that is bad otherwise is dead-lettered without a key. The runs topic is compacted,
 *       and the broker refuses keyless records there: the test proves that instead.</li>
 *   <li>A task of a run that has no manifest: an ad-hoc task, as the README's kcat recipe pushes. A record of a run
 *       that has a manifest must fit it: model, benchmark, variant, sample and settings hash.</li>
 *   <li>An identical redelivery of a task or completion: processed again, idempotently, never counted twice.</li>
 * </ul>
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@Tag("integration")
class PoisonInputTest extends SharedStack {

    private static final List<String> GROUPS = List.of("evalstream-worker", "evalstream-grader",
            "evalstream-aggregator", "evalstream-aggregator-runs");
    private static final List<String> TOPICS = List.of(Topics.TASKS, Topics.COMPLETIONS, Topics.GRADES, Topics.RUNS);
    /** Items per benchmark: above both samples' sizes, so the whole of each. */
    private static final int LIMIT = 100;

    @Test
    void everyPoisonRecordIsDeadLetteredWithItsReasonWhileTheRunAroundThemCompletesWithExactCounts() throws Exception {
        Map<String, Long> pids = new HashMap<>();
        stack.services().forEach(service -> pids.put(service.name(), service.pid()));
        String runId = "e2e-poison-" + System.currentTimeMillis();
        List<String> models = List.of("sim-strong", PACED_MODEL);
        String spec = RunSpecs.json(runId, models, RunSpecs.THROUGHPUT_BENCHMARKS, LIMIT,
                new SettingsOverrides(0, false, 0.0, null, null, null, null), 1);
        assertThat(client.submit(spec).statusCode()).isEqualTo(202);

        Map<String, List<ConsumerRecord<String, byte[]>>> real = await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1)).until(() -> recordsOf(runId), PoisonInputTest::hasEveryKind);
        ObjectNode task = object(real.get(Topics.TASKS).get(0));
        ObjectNode completion = object(real.get(Topics.COMPLETIONS).stream()
                .filter(record -> object(record).path("status").asText().equals("OK")).findFirst().orElseThrow());
        ObjectNode grade = object(real.get(Topics.GRADES).get(0));
        ObjectNode manifest = object(real.get(Topics.RUNS).get(0));
        List<Poison> poison = Stream.of(PoisonRecords.tasks(task), PoisonRecords.completions(completion),
                PoisonRecords.grades(grade), PoisonRecords.runs(manifest)).flatMap(List::stream).toList();
        Tolerated tolerated = Tolerated.of(runId, real, task, completion, grade, manifest);
        push(poison, tolerated.records());

        client.awaitComplete(runId, Duration.ofMinutes(5), report -> { });
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(PoisonInputTest::allConsumed);
        List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.readAll(stack.bootstrapServers(), Topics.DLQ);

        assertThat(TOPICS).allSatisfy(topic -> assertThat(poison.stream().filter(row -> row.topic().equals(topic)))
                .as("poison rows for " + topic).hasSizeGreaterThanOrEqualTo(30));
        assertDeadLettered(poison, deadLetters);
        tolerated.assertProcessed(deadLetters, poison, stack.bootstrapServers());
        assertExactCounts(runId, models, poison);
        assertKeylessManifestsAreRefused(manifest);
        assertNoRestart(pids);
    }

    /** The run's own records on each consumed topic, as published by the services. */
    private static Map<String, List<ConsumerRecord<String, byte[]>>> recordsOf(String runId) {
        Map<String, List<ConsumerRecord<String, byte[]>>> records = new HashMap<>();
        for (String topic : TOPICS) {
            records.put(topic, TopicReader.readAll(stack.bootstrapServers(), topic).stream()
                    .filter(record -> record.key() != null && (record.key().equals(runId)
                            || record.key().startsWith(runId + "/sim-strong/")))
                    .toList());
        }
        return records;
    }

    private static boolean hasEveryKind(Map<String, List<ConsumerRecord<String, byte[]>>> records) {
        return records.values().stream().noneMatch(List::isEmpty) && records.get(Topics.TASKS).size() >= 2
                && records.get(Topics.COMPLETIONS).stream().anyMatch(r -> object(r).path("status").asText().equals("OK"));
    }

    static ObjectNode object(ConsumerRecord<String, byte[]> record) {
        try {
            return (ObjectNode) Json.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException("a service wrote a record that is not JSON on " + record.topic(), e);
        }
    }

    /** kcat for what a line of text can carry, the Java client for the rest; each topic's rows in one kcat run. */
    private static void push(List<Poison> poison, List<Poison> tolerated) throws Exception {
        List<Poison> all = new ArrayList<>(poison);
        all.addAll(tolerated);
        Map<String, List<String>> lines = new HashMap<>();
        List<Poison> raw = new ArrayList<>();
        boolean kcat = Kcat.available();
        if (!kcat) {
            System.err.println("!!! kcat is not installed: every poison record goes through the Java client instead of"
                    + " a real outside client. .ci/run installs kcat (apt-get install kcat).");
        }
        for (Poison row : all) {
            if (kcat && fitsOneLine(row)) {
                lines.computeIfAbsent(row.topic(), topic -> new ArrayList<>())
                        .add(row.keyText() + "|" + new String(row.value(), StandardCharsets.UTF_8));
            } else {
                raw.add(row);
            }
        }
        for (var topic : lines.entrySet()) {
            Kcat.produceAll(stack.bootstrapServers(), topic.getKey(), topic.getValue());
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicAdmin.MAX_MESSAGE_BYTES),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Poison row : raw) {
                producer.send(new ProducerRecord<>(row.topic(), row.key(), row.value())).get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean fitsOneLine(Poison row) {
        return row.key() != null && row.key().length < 1000 && row.value().length > 0 && row.value().length < 100_000
                && printable(row.key()) && !row.keyText().contains("|") && printable(row.value());
    }

    private static boolean printable(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return text.chars().noneMatch(c -> c < 0x20);
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Every consumer group has committed past everything on its topic: every record was handled. */
    private static boolean allConsumed() throws Exception {
        for (int i = 0; i < GROUPS.size(); i++) {
            if (TopicReader.lag(stack.bootstrapServers(), GROUPS.get(i), TOPICS.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static void assertDeadLettered(List<Poison> poison, List<ConsumerRecord<String, byte[]>> deadLetters) {
        SoftAssertions softly = new SoftAssertions();
        try (var source = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "poison-source-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (Poison row : poison) {
                String what = row.topic() + " / " + row.name();
                var found = deadLetters.stream().filter(record -> row.topic().equals(header(record, DeadLetter.TOPIC))
                        && Arrays.equals(record.value(), row.value())).toList();
                softly.assertThat(found).as(what + ": on the DLQ once").hasSize(1);
                if (found.size() != 1) {
                    continue;
                }
                ConsumerRecord<String, byte[]> letter = found.get(0);
                softly.assertThat(header(letter, DeadLetter.REASON)).as(what + ": reason").contains(row.reason());
                softly.assertThat(letter.key()).as(what + ": key").isEqualTo(row.keyText());
                byte[] original = at(source, row.topic(), header(letter, DeadLetter.PARTITION),
                        header(letter, DeadLetter.OFFSET));
                softly.assertThat(original).as(what + ": partition and offset headers point at it").isEqualTo(row.value());
            }
        }
        softly.assertAll();
    }

    /** The value at a topic's partition and offset, as named by dead-letter headers (null when they do not parse). */
    private static byte[] at(KafkaConsumer<byte[], byte[]> consumer, String topic, String partition, String offset) {
        if (partition == null || offset == null || !partition.matches("\\d+") || !offset.matches("\\d+")) {
            return null;
        }
        TopicPartition where = new TopicPartition(topic, Integer.parseInt(partition));
        consumer.assign(List.of(where));
        consumer.seek(where, Long.parseLong(offset));
        return await().atMost(Duration.ofMinutes(1)).until(() -> {
            for (var record : consumer.poll(Duration.ofMillis(500))) {
                return record.offset() == Long.parseLong(offset) ? record.value() : null;
            }
            return null;
        }, value -> value != null);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The report counts every expected task once, and the grades topic holds a grade for exactly the run's tasks
     * (leaving out what this test pushed there itself), each of a model and benchmark of the run.
     */
    private static void assertExactCounts(String runId, List<String> models, List<Poison> poison) {
        RunReport report = client.report(runId).orElseThrow();
        assertThat(Reports.isComplete(report)).isTrue();
        // 2 models on the first 100 items of the gsm8k (40) and mmlu (50) samples: 180, counted from the files.
        long expected = SampleItems.tasks(models, RunSpecs.THROUGHPUT_BENCHMARKS, LIMIT, 1);
        assertThat(Reports.expected(report)).as("expected tasks in the report").isEqualTo(expected);
        assertThat(Reports.graded(report)).isEqualTo(expected);
        Set<String> graded = new HashSet<>();
        for (var record : TopicReader.readAll(stack.bootstrapServers(), Topics.GRADES)) {
            byte[] value = record.value();
            if (record.key() != null && record.key().startsWith(runId + "/")
                    && poison.stream().noneMatch(row -> Arrays.equals(row.value(), value))) {
                graded.add(record.key());
            }
        }
        assertThat(graded).hasSize((int) expected).allSatisfy(taskId -> {
            String[] parts = taskId.split("/");
            assertThat(models).contains(parts[1]);
            assertThat(RunSpecs.THROUGHPUT_BENCHMARKS).contains(parts[2]);
            assertThat(parts[5]).isEqualTo("0");
        });
    }

    /** The runs topic is compacted: the broker itself refuses a manifest without a key. */
    private static void assertKeylessManifestsAreRefused(ObjectNode manifest) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            var send = producer.send(new ProducerRecord<>(Topics.RUNS, null, Json.mapper().writeValueAsBytes(manifest)));
            assertThatThrownBy(() -> send.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining("Compacted topic cannot accept message without key");
        }
    }

    private static void assertNoRestart(Map<String, Long> pids) {
        assertThat(stack.services()).allSatisfy(service -> {
            assertThat(service.isAlive()).as(service.name() + " alive").isTrue();
            assertThat(service.pid()).as(service.name() + " pid").isEqualTo(pids.get(service.name()));
            var live = client.get(service.uri("/q/health/live"));
            assertThat(live.statusCode()).as(service.name() + " live").isEqualTo(200);
            assertThat(live.body()).contains("\"UP\"");
        });
    }
}
