package io.evalstream.aggregator.api;

import static io.evalstream.aggregator.api.Authorized.given;
import static io.evalstream.reports.Fixtures.HASH;
import static io.evalstream.reports.Fixtures.T0;
import static io.evalstream.reports.Fixtures.bytes;
import static io.evalstream.reports.Fixtures.manifest;
import static io.evalstream.reports.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.LikelihoodScore;
import io.evalstream.contracts.Marking;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grades scored by likelihood through a real broker: a perplexity cell reports the corpus bits per byte (sum of nats
 * over sum of bytes, not a mean of ratios) and per-token perplexity, exact although grades are re-delivered and
 * replaced; a multiple-choice cell reports acc and acc_norm.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@Tag("integration")
class LikelihoodRunResourceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final double LN2 = Math.log(2);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void perplexityIsSummedOverTheCorpusAndMultipleChoiceReportsAccAndAccNorm() throws Exception {
        String run = "qt-likelihood-" + UUID.randomUUID().toString().substring(0, 8);
        TaskId replaced = task(run, "tiny", "story-text", 3);
        Grade first = measured(task(run, "tiny", "story-text", 1), -70.0, 100, 30);
        List<Grade> grades = List.of(first, measured(replaced, -500.0, 20, 9), first,
                measured(task(run, "tiny", "story-text", 2), -10.0, 10, 4),
                measured(replaced, -20.0, 30, 6), first,
                choice(task(run, "tiny", "story-endings", 1), true, true),
                choice(task(run, "tiny", "story-endings", 2), false, true),
                choice(task(run, "tiny", "story-endings", 3), false, false),
                choice(task(run, "tiny", "story-endings", 2), false, true));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(Topics.RUNS, run, bytes(manifest(run, List.of("tiny"),
                List.of("story-text", "story-endings"), 3))));
        grades.forEach(grade -> records.add(new ProducerRecord<>(Topics.GRADES, grade.taskId().toString(),
                bytes(grade))));
        Records.send(bootstrap, records);

        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath live = given().get("/runs/" + run).then().statusCode(200).extract().jsonPath();
            assertThat(live.getString("status")).isEqualTo("COMPLETE");
        });

        JsonPath live = given().get("/runs/" + run).then().statusCode(200).extract().jsonPath();
        assertThat(live.getList("scores.benchmarkId")).containsExactly("story-endings", "story-text");
        // 70 + 10 + 20 nats over 100 + 10 + 30 bytes and 30 + 4 + 6 tokens: the replaced grade's -500 is gone.
        assertThat(live.getMap("scores[1]")).containsEntry("graded", 3).containsEntry("correct", 0)
                .containsEntry("errors", 0);
        assertThat(live.getString("scores[1].accuracy")).isNull();
        assertThat(live.getInt("scores[1].likelihood.measured")).isEqualTo(3);
        assertThat(live.getLong("scores[1].likelihood.bytes")).isEqualTo(140);
        assertThat(live.getLong("scores[1].likelihood.tokens")).isEqualTo(40);
        assertThat(live.getDouble("scores[1].likelihood.nats")).isCloseTo(-100.0, within(1e-6));
        assertThat(live.getDouble("scores[1].likelihood.bitsPerByte")).isCloseTo(100 / LN2 / 140, within(1e-6));
        assertThat(live.getDouble("scores[1].likelihood.tokenPerplexity")).isCloseTo(Math.exp(100.0 / 40),
                within(1e-6));
        // acc: 1 of 3; acc_norm: 2 of 3 (item 2 counted once)
        assertThat(live.getMap("scores[0]")).containsEntry("graded", 3).containsEntry("correct", 1);
        assertThat(live.getDouble("scores[0].accuracy")).isCloseTo(1.0 / 3, within(1e-6));
        assertThat(live.getDouble("scores[0].likelihood.accNorm")).isCloseTo(2.0 / 3, within(1e-6));
        assertThat(live.getString("scores[0].likelihood.bitsPerByte")).isNull();

        JsonPath report = given().get("/runs/" + run + "/report").then().statusCode(200).extract().jsonPath();
        assertThat(report.getDouble("scores.find { it.benchmarkId == 'story-text' }.likelihood.bitsPerByte"))
                .isCloseTo(100 / LN2 / 140, within(1e-6));
        String markdown = given().get("/runs/" + run + "/report?format=markdown").then().statusCode(200).extract()
                .asString();
        assertThat(markdown).contains("## Scored by likelihood").contains("story-text | - | 1.0305 | 12.182 | 3 | 140 | 40")
                .contains("story-endings | 66.7% | - | - | 0 | 0 | 0");
    }

    private static Grade measured(TaskId task, double nats, long bytes, long tokens) {
        LikelihoodScore score = new LikelihoodScore(null, nats, bytes, tokens);
        return Grade.of(task, new Marking(Verdict.MEASURED, Math.pow(2, -score.bitsPerByte()), null, task.itemId()),
                new GradeContext(Category.WRITING, null, "likelihood/bits_per_byte@1", HASH, T0), CallFacts.of(12, false),
                Evidence.measured(score));
    }

    private static Grade choice(TaskId task, boolean acc, boolean accNorm) {
        return Grade.of(task, new Marking(acc ? Verdict.CORRECT : Verdict.INCORRECT, acc ? 1.0 : 0.0, acc ? "1" : "0",
                "1"), new GradeContext(Category.COMPREHENSION, null, "likelihood/likelihood_acc@1", HASH, T0),
                CallFacts.of(12, false), Evidence.measured(new LikelihoodScore(accNorm, -8.0, 20, 5)));
    }
}
