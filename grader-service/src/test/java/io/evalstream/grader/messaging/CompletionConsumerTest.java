package io.evalstream.grader.messaging;

import static io.evalstream.grader.Fixtures.failed;
import static io.evalstream.grader.Fixtures.ok;
import static io.evalstream.grader.Fixtures.task;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.DeadLetter;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.Exchange;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.Marking;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.WireFormat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
@Tag("integration")
class CompletionConsumerTest {

    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);
    private static final WireFormat<Grade> GRADES = WireFormat.of(Grade.class);
    /** Stands in for the grading time, which the test cannot know. */
    private static final Instant EPOCH = Instant.EPOCH;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void publishesTheGradeOfEveryValidCompletionAndDeadLettersTheRest() throws Exception {
        String runId = "grader-" + UUID.randomUUID().toString().substring(0, 8);
        Completion correct = ok(task(runId, "gsm8k-1", Extraction.NUMERIC, "1,234"), "The answer is $1,234.");
        Completion wrong = ok(task(runId, "mmlu-2", Extraction.MULTIPLE_CHOICE, "C"), "The answer is (A).");
        Completion failed = failed(task(runId, "gsm8k-3", Extraction.NUMERIC, "7"), ErrorKind.TIMEOUT);
        Completion misfiled = ok(task(runId, "gsm8k-4", Extraction.NUMERIC, "5"), "The answer is 5.");
        ObjectNode withoutBackend = Json.mapper().valueToTree(ok(task(runId, "gsm8k-5", Extraction.NUMERIC, "9"), "9"));
        withoutBackend.remove("backend");
        String notJsonKey = runId + "/llama-3-8b/gsm8k/garbled/default/0";
        String missingFieldKey = runId + "/llama-3-8b/gsm8k/gsm8k-5/default/0";
        String misfiledKey = runId + "/llama-3-8b/gsm8k/someone-else/default/0";

        Map<String, SourcePosition> positions = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = BrokerClients.producer(bootstrapServers)) {
            for (Completion completion : List.of(correct, wrong, failed)) {
                RecordMetadata at = send(producer, completion.taskId().toString(), COMPLETIONS.encode(completion));
                positions.put(completion.taskId().toString(), new SourcePosition(at.partition(), at.offset()));
            }
            send(producer, notJsonKey, "{\"schemaVersion\": 1, \"task\": ".getBytes(StandardCharsets.UTF_8));
            send(producer, missingFieldKey, Json.mapper().writeValueAsBytes(withoutBackend));
            send(producer, misfiledKey, COMPLETIONS.encode(misfiled));
        }

        Map<String, Grade> grades = new HashMap<>();
        Map<String, ConsumerRecord<String, byte[]>> deadLetters = new HashMap<>();
        try (KafkaConsumer<String, byte[]> gradeReader = BrokerClients.reader(bootstrapServers, Topics.GRADES);
                KafkaConsumer<String, byte[]> dlqReader = BrokerClients.reader(bootstrapServers, Topics.DLQ)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : gradeReader.poll(Duration.ofMillis(200))) {
                    if (record.key().startsWith(runId + "/")) {
                        grades.put(record.key(), decode(record.value()));
                    }
                }
                for (ConsumerRecord<String, byte[]> record : dlqReader.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(runId + "/")) {
                        deadLetters.put(record.key(), record);
                    }
                }
                assertThat(grades).hasSize(3);
                assertThat(deadLetters).hasSize(3);
            });
        }

        assertThat(withoutGradingTime(grades.get(correct.taskId().toString()))).isEqualTo(expected(correct,
                new Marking(Verdict.CORRECT, 1.0, "1234", "1,234"), "numeric/numeric_equal@1", 420, true, null));
        assertThat(withoutGradingTime(grades.get(wrong.taskId().toString()))).isEqualTo(expected(wrong,
                new Marking(Verdict.INCORRECT, 0.0, "A", "C"), "multiple_choice/exact_match@1", 420, true, null));
        assertThat(withoutGradingTime(grades.get(failed.taskId().toString()))).isEqualTo(expected(failed,
                Marking.error("7"), "numeric/numeric_equal@1", 30_000, false, ErrorKind.TIMEOUT));

        // Each grade points at its completion's record instead of copying its prompt and text.
        assertThat(grades).allSatisfy((task, grade) -> assertThat(grade.exchange())
                .isEqualTo(Exchange.at(positions.get(task))));

        assertDeadLettered(deadLetters.get(notJsonKey), "not a valid JSON Completion");
        assertDeadLettered(deadLetters.get(missingFieldKey), "invalid Completion: field 'backend' is required");
        assertDeadLettered(deadLetters.get(misfiledKey), "differs from taskId '" + misfiled.taskId() + "'");
        assertThat(deadLetters.get(misfiledKey).value()).isEqualTo(COMPLETIONS.encode(misfiled));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(counter(metrics, "evalstream_grades_total", "grader=\"numeric/numeric_equal@1\"",
                "verdict=\"CORRECT\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(counter(metrics, "evalstream_grades_total", "grader=\"multiple_choice/exact_match@1\"",
                "verdict=\"INCORRECT\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(counter(metrics, "evalstream_dead_letters_total", "topic=\"evalstream.completions\""))
                .isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void reportsReadyAndLiveWhileConnectedToKafka() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            given().get("/q/health/ready").then().statusCode(200);
            given().get("/q/health/live").then().statusCode(200);
        });
        String ready = given().get("/q/health/ready").then().extract().asString();
        assertThat(ready).contains("\"status\": \"UP\"").contains("completions").contains("grades");
    }

    private static Grade withoutGradingTime(Grade grade) {
        assertThat(grade).isNotNull();
        GradeContext context = grade.context();
        return Grade.of(grade.taskId(), grade.marking(),
                new GradeContext(context.category(), null, context.grader(), context.settingsHash(), EPOCH),
                CallFacts.of(grade.call().latencyMillis(), grade.call().simulated()),
                errorOnly(grade.evidence().errorKind()));
    }

    /** What {@link #withoutGradingTime} keeps of the grade of {@code graded}. */
    private static Grade expected(Completion graded, Marking marking, String grader, long latencyMillis,
            boolean simulated, ErrorKind errorKind) {
        return Grade.of(graded.taskId(), marking, new GradeContext(graded.task().category(), null, grader,
                graded.task().settingsHash(), EPOCH), CallFacts.of(latencyMillis, simulated),
                errorOnly(errorKind));
    }

    private static Evidence errorOnly(ErrorKind kind) {
        return kind == null ? Evidence.NONE : Evidence.error(kind, null);
    }

    private static void assertDeadLettered(ConsumerRecord<String, byte[]> record, String reason) {
        assertThat(record).isNotNull();
        assertThat(header(record, DeadLetter.REASON)).contains(reason);
        assertThat(header(record, DeadLetter.TOPIC)).isEqualTo(Topics.COMPLETIONS);
        assertThat(header(record, DeadLetter.OFFSET)).isNotBlank();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The value of the Prometheus sample of that name whose labels include all the given ones. */
    private static double counter(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") && List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }

    private static Grade decode(byte[] value) {
        return switch (GRADES.decode(value)) {
            case Decoded.Valid<Grade> valid -> valid.value();
            case Decoded.Invalid<Grade> invalid -> throw new AssertionError("unreadable grade: " + invalid.reason());
        };
    }

    private static RecordMetadata send(KafkaProducer<String, byte[]> producer, String key, byte[] value)
            throws Exception {
        return producer.send(new ProducerRecord<>(Topics.COMPLETIONS, key, value)).get(30, TimeUnit.SECONDS);
    }

}
