package io.evalstream.aggregator.api;

import static io.evalstream.reports.Fixtures.bytes;
import static io.evalstream.reports.Fixtures.grade;
import static io.evalstream.reports.Fixtures.judgeFailed;
import static io.evalstream.reports.Fixtures.judged;
import static io.evalstream.reports.Fixtures.manifest;
import static io.evalstream.reports.Fixtures.task;
import static io.evalstream.aggregator.api.Authorized.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stories judged on a rubric, for two models and a mixed cell, through a real broker to reports and gauges. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@Tag("integration")
class JudgedRunResourceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final double SE_OF_8_6_4 = 2 / Math.sqrt(3);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void judgedStoriesOfTwoModelsAreReportedAsJudgeScoresPerDimensionWithAgeGroupsAndNoAccuracy() throws Exception {
        String run = "qt-judged-" + UUID.randomUUID().toString().substring(0, 8);
        TaskId replaced = task(run, "stories260K", "stories", 2);
        Grade first = judged(task(run, "stories260K", "stories", 1), 8, 6, 7, "B: 4-5");
        List<Grade> grades = List.of(
                first, judged(replaced, 1, 1, 1, "A: 3 or under"), first,
                judged(replaced, 6, 4, 7, "B: 4-5"),
                judged(task(run, "stories260K", "stories", 3), 4, 2, 1, "A: 3 or under"),
                judgeFailed(task(run, "stories260K", "stories", 4)), first,
                judged(task(run, "sim-strong", "stories", 1), 9, 8, 9, "C: 6-7"),
                judged(task(run, "sim-strong", "stories", 2), 9, 9, 8, "D: 8-9"),
                judged(task(run, "sim-strong", "stories", 3), 10, 8, 9, "C: 6-7"),
                judged(task(run, "sim-strong", "stories", 4), 8, 8, 8, "C: 6-7"),
                // a mixed cell: one right, one wrong, one judged
                grade(task(run, "sim-strong", "gsm8k", 1), Verdict.CORRECT),
                grade(task(run, "sim-strong", "gsm8k", 2), Verdict.INCORRECT),
                judged(task(run, "sim-strong", "gsm8k", 3), 10, 10, 10, "E: 10-12"));
        produce(run, grades);

        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath live = given().get("/runs/" + run).then().statusCode(200).extract().jsonPath();
            assertThat(live.getString("status")).isEqualTo("COMPLETE");
            assertThat(live.getInt("totals.graded")).isEqualTo(11);
            assertThat(live.getInt("scores.find { it.modelId == 'stories260K' }.judged")).isEqualTo(3);
        });

        JsonPath live = given().get("/runs/" + run).then().statusCode(200).extract().jsonPath();
        assertThat(live.getMap("totals")).containsEntry("judged", 8).containsEntry("errors", 1)
                .containsEntry("correct", 1).containsEntry("incorrect", 1);
        assertThat(live.getList("scores.modelId")).containsExactly("sim-strong", "sim-strong", "stories260K");
        assertThat(live.getList("scores.benchmarkId")).containsExactly("gsm8k", "stories", "stories");
        assertWeakModel(live, "scores[2]");
        assertThat(live.getMap("scores[1]")).containsEntry("judged", 4).containsEntry("graded", 4)
                .containsEntry("errors", 0).containsEntry("category", "WRITING");
        assertThat(live.getList("scores[1].judgeScores.mean", Float.class)).containsExactly(8.5f, 8.25f, 9.0f);
        assertThat(live.getMap("scores[0]")).containsEntry("graded", 3).containsEntry("judged", 1)
                .containsEntry("correct", 1);
        assertThat(live.getDouble("scores[0].accuracy")).isEqualTo(0.5);
        assertThat(live.getDouble("scores[0].meanScore")).isCloseTo(2.0 / 3, within(1e-6));
        assertThat(live.getDouble("scores[0].judgeScores[0].mean")).isEqualTo(10.0);

        JsonPath report = given().get("/runs/" + run + "/report").then().statusCode(200).extract().jsonPath();
        assertWeakModel(report, "scores[2]");
        assertThat(report.getList("passAtK")).isEmpty();
        assertThat(report.getList("judgeLabels.modelId")).containsExactly("sim-strong", "sim-strong", "stories260K");
        assertThat(report.getMap("judgeLabels[2]")).containsEntry("benchmarkId", "stories")
                .containsEntry("label", "age_group").containsEntry("labelled", 3);
        assertThat(report.getMap("judgeLabels[2].counts")).containsExactly(Map.entry("A: 3 or under", 1),
                Map.entry("B: 4-5", 2));
        assertThat(report.getMap("judgeLabels[1].counts")).containsExactly(Map.entry("C: 6-7", 3),
                Map.entry("D: 8-9", 1));

        await().atMost(DEADLINE).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(judgeScore(metrics, run, "stories260K", "grammar")).isCloseTo(6.0, within(1e-9));
            assertThat(judgeScore(metrics, run, "stories260K", "consistency")).isCloseTo(5.0, within(1e-9));
            assertThat(judgeScore(metrics, run, "sim-strong", "creativity")).isCloseTo(8.25, within(1e-9));
            assertThat(metrics).containsPattern("(?m)^evalstream_judge_score_mean\\{benchmark=\"gsm8k\",dimension=\"grammar\""
                    + ",model=\"sim-strong\",run=\"" + run + "\"} 10\\.0$");
            assertThat(metrics).containsPattern("(?m)^evalstream_judged_samples\\{[^}]*model=\"stories260K\""
                    + "[^}]*run=\"" + run + "\"[^}]*} 3\\.0$");
            assertThat(metrics).containsPattern("(?m)^evalstream_score_accuracy_ratio\\{benchmark=\"stories\""
                    + "[^}]*model=\"stories260K\"[^}]*run=\"" + run + "\"[^}]*} NaN$");
        });
    }

    /** stories260K: 8/6/7, 6/4/7 (replacing 1/1/1), 4/2/1 and a judge that timed out. */
    private static void assertWeakModel(JsonPath json, String path) {
        assertThat(json.getMap(path)).containsEntry("modelId", "stories260K").containsEntry("graded", 4)
                .containsEntry("judged", 3).containsEntry("errors", 1).containsEntry("correct", 0)
                .containsEntry("expected", 4);
        assertThat(json.getString(path + ".accuracy")).isNull();
        assertThat(json.getString(path + ".ci95Low")).isNull();
        assertThat(json.getString(path + ".ci95High")).isNull();
        // normalized judge scores 6/9, 14/27 and 4/27, and 0 for the error
        assertThat(json.getDouble(path + ".meanScore")).isCloseTo(1.0 / 3, within(1e-6));
        assertThat(json.getDouble(path + ".meanScoreStdErr")).isNotNull();
        assertThat(json.getList(path + ".judgeScores.dimension"))
                .containsExactly("consistency", "creativity", "grammar");
        assertThat(json.getList(path + ".judgeScores.judged")).containsExactly(3, 3, 3);
        assertThat(json.getDouble(path + ".judgeScores[2].mean")).isCloseTo(6.0, within(1e-6));
        assertThat(json.getDouble(path + ".judgeScores[2].stdErr")).isCloseTo(SE_OF_8_6_4, within(1e-6));
        assertThat(json.getDouble(path + ".judgeScores[1].mean")).isCloseTo(4.0, within(1e-6));
        assertThat(json.getDouble(path + ".judgeScores[0].mean")).isCloseTo(5.0, within(1e-6));
        assertThat(json.getDouble(path + ".judgeScores[0].stdErr")).isCloseTo(2.0, within(1e-6));
    }

    private void produce(String run, List<Grade> grades) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        RunManifest stories = manifest(run, List.of("sim-strong", "stories260K"), List.of("stories", "gsm8k"), 4);
        // Only sim-strong answered gsm8k, three items: the mixed cell.
        List<ExpectedCount> expected = List.of(new ExpectedCount("sim-strong", "stories", Category.WRITING, 4),
                new ExpectedCount("stories260K", "stories", Category.WRITING, 4),
                new ExpectedCount("sim-strong", "gsm8k", Category.MATH, 3));
        records.add(new ProducerRecord<>(Topics.RUNS, run, bytes(new RunManifest(1, stories.spec(), expected,
                stories.benchmarkSettings(), stories.submittedAt()))));
        grades.forEach(grade -> records.add(new ProducerRecord<>(Topics.GRADES, grade.taskId().toString(),
                bytes(grade))));
        Records.send(bootstrap, records);
    }

    /** The judge score gauge of a stories cell. */
    private static double judgeScore(String metrics, String run, String model, String dimension) {
        Matcher line = Pattern.compile("(?m)^evalstream_judge_score_mean\\{([^}]*)} (\\S+)$").matcher(metrics);
        while (line.find()) {
            String labels = line.group(1);
            if (labels.contains("run=\"" + run + "\"") && labels.contains("model=\"" + model + "\"")
                    && labels.contains("benchmark=\"stories\"") && labels.contains("dimension=\"" + dimension + "\"")) {
                return Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError("evalstream_judge_score_mean for " + run + "/" + model + "/" + dimension
                + " is not on /q/metrics");
    }
}
