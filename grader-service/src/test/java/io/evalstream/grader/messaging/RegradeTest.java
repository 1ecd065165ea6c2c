package io.evalstream.grader.messaging;

import static io.evalstream.grader.Fixtures.ok;
import static io.evalstream.grader.Fixtures.task;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Scorer;
import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.WireFormat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 19: a GSM8K run graded while its definition had one scorer, then regraded after strict was added (the
 * built-in definition now lists flexible and strict). Nothing is asked of any model: no task reaches the tasks
 * topic, the only way to a worker. The headline's verdicts stay as they were, strict's appear, and the answer lists
 * what changed.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
@Tag("integration")
class RegradeTest {

    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);
    private static final WireFormat<Grade> GRADES = WireFormat.of(Grade.class);
    private static final String TOKEN = "Bearer test-token-grader";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void regradesTheRunsCompletionsByTheCurrentScorersWithoutAskingAModel() throws Exception {
        String runId = "regrade-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProducer<String, byte[]> producer = BrokerClients.producer(bootstrapServers)) {
            for (int item = 0; item < 20; item++) {
                String text = item < 12 ? "9 * 2 = 18. The answer is 18." : item < 18 ? "9 * 2 = 18"
                        : "The answer is 16.";
                Completion completion = ok(task(runId, "gsm8k-" + item, Extraction.NUMERIC, "18"), text);
                producer.send(new ProducerRecord<>(Topics.COMPLETIONS, completion.taskId().toString(),
                        COMPLETIONS.encode(completion))).get();
            }
        }
        Map<String, Grade> before = awaitGrades(runId, grades -> grades.size() == 20);
        assertThat(before.values()).allSatisfy(grade -> assertThat(grade.scorers().scores()).isNull());

        given().post("/runs/" + runId + "/regrade").then().statusCode(401);
        given().header("Authorization", TOKEN).post("/runs/no-such-run/regrade").then().statusCode(404);
        JsonPath report = given().header("Authorization", TOKEN).queryParam("benchmark", "gsm8k")
                .post("/runs/" + runId + "/regrade").then().statusCode(200).extract().jsonPath();

        assertThat(report.getLong("read")).isEqualTo(20);
        assertThat(report.getLong("regraded")).isEqualTo(20);
        assertThat(report.getList("changes.scorer")).containsExactly("flexible", "strict");
        assertThat(report.getList("changes.flips", Long.class)).containsExactly(0L, 0L);
        assertThat(report.getList("changes.added", Long.class)).containsExactly(0L, 20L);
        assertThat(report.getList("pastRetention")).isEmpty();

        Map<String, Grade> after = awaitGrades(runId, grades -> grades.values().stream()
                .allMatch(grade -> grade.scorers().scores() != null));
        assertThat(after).hasSize(20);
        after.forEach((task, grade) -> assertThat(grade.verdict()).as(task).isEqualTo(before.get(task).verdict()));
        assertThat(after.values().stream().collect(Collectors.groupingBy(
                grade -> grade.scorers().scores().get(1).verdict(), Collectors.counting())))
                .isEqualTo(Map.of(Verdict.CORRECT, 12L, Verdict.NO_ANSWER, 6L, Verdict.INCORRECT, 2L));
        assertThat(after.values()).allSatisfy(grade -> assertThat(grade.scorers().scores())
                .extracting(ScorerVerdict::scorer).containsExactly("flexible", "strict"));
        assertThat(after.values()).extracting(grade -> grade.scorers().scorersFingerprint())
                .containsOnly(Scorer.fingerprint(List.of(
                new Scorer("flexible", "numeric", "numeric_equal"), new Scorer("strict", "answer_is",
                "numeric_equal"))));
        assertThat(recordsOfRun(Topics.TASKS, runId)).as("tasks sent towards a worker or model").isZero();
    }

    private Map<String, Grade> awaitGrades(String runId, Predicate<Map<String, Grade>> done) {
        Map<String, Grade> grades = new HashMap<>();
        try (KafkaConsumer<String, byte[]> reader = BrokerClients.reader(bootstrapServers, Topics.GRADES)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (record.key().startsWith(runId + "/")
                            && GRADES.decode(record.value()) instanceof Decoded.Valid<Grade> valid) {
                        grades.put(record.key(), valid.value());
                    }
                }
                return done.test(grades);
            });
        }
        return grades;
    }

    /** Records of the run on a topic, read to the end offsets as they are now. */
    private long recordsOfRun(String topic, String runId) {
        long count = 0;
        try (KafkaConsumer<String, byte[]> reader = BrokerClients.reader(bootstrapServers, topic)) {
            Map<TopicPartition, Long> end = reader.endOffsets(reader.assignment());
            while (end.entrySet().stream().anyMatch(partition -> reader.position(partition.getKey())
                    < partition.getValue())) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    count += record.key() != null && record.key().startsWith(runId + "/") ? 1 : 0;
                }
            }
        }
        return count;
    }
}
