package io.evalstream.aggregator.api;

import static io.evalstream.aggregator.api.Authorized.given;
import static io.evalstream.reports.Fixtures.bytes;
import static io.evalstream.reports.Fixtures.grade;
import static io.evalstream.reports.Fixtures.manifest;
import static io.evalstream.reports.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.DeadLetter;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.evalstream.reports.render.ReportJson;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.RunReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The packaged wiring on a real broker: grades in, exact report and gauges out, bad records dead-lettered. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@Tag("integration")
class RunResourceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ObjectMapper mapper;

    @Test
    void reportsExactCountsAndCompletionForARunWithDuplicatesAndAChangedVerdictAndExposesThemAsGauges()
            throws Exception {
        String run = "qt-" + UUID.randomUUID().toString().substring(0, 8);
        TaskId changed = task(run, "sim-strong", "gsm8k", 3);
        String badKey = task(run, "sim-weak", "gsm8k", 9).toString();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(Topics.RUNS, run,
                bytes(manifest(run, List.of("sim-strong", "sim-weak"), List.of("gsm8k"), 3))));
        Grade first = grade(task(run, "sim-strong", "gsm8k", 1), Verdict.CORRECT);
        for (Grade grade : List.of(first, grade(task(run, "sim-strong", "gsm8k", 2), Verdict.CORRECT),
                grade(changed, Verdict.ERROR), first, grade(changed, Verdict.INCORRECT), first,
                grade(task(run, "sim-weak", "gsm8k", 1), Verdict.CORRECT),
                grade(task(run, "sim-weak", "gsm8k", 2), Verdict.NO_ANSWER),
                grade(task(run, "sim-weak", "gsm8k", 3), Verdict.ERROR))) {
            records.add(new ProducerRecord<>(Topics.GRADES, grade.taskId().toString(), bytes(grade)));
        }
        records.add(new ProducerRecord<>(Topics.GRADES, badKey, "{\"verdict\": ".getBytes(StandardCharsets.UTF_8)));
        produce(records);

        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/runs/" + run).then().statusCode(200).body("status", is("COMPLETE")));

        JsonPath report = given().get("/runs/" + run).then().statusCode(200).extract().jsonPath();
        assertThat(report.getString("runId")).isEqualTo(run);
        assertThat(report.getMap("totals")).containsEntry("expected", 6).containsEntry("graded", 6)
                .containsEntry("correct", 3).containsEntry("incorrect", 1).containsEntry("noAnswer", 1)
                .containsEntry("errors", 1).containsEntry("progress", 1.0f);
        assertThat(report.getList("settingsHashes")).containsExactly("1b105633790b6540");
        assertThat(report.getList("benchmarkSettings.benchmarkId")).containsExactly("gsm8k");
        assertThat(report.getInt("benchmarkSettings[0].settings.shots")).isEqualTo(5);
        assertThat(report.getString("benchmarkSettings[0].settingsHash")).isEqualTo("1b105633790b6540");
        assertThat(report.getMap("")).doesNotContainKey("settings");
        assertThat(report.getList("scores.modelId")).containsExactly("sim-strong", "sim-weak");
        assertThat(report.getMap("scores[0]")).containsEntry("benchmarkId", "gsm8k").containsEntry("graded", 3)
                .containsEntry("correct", 2).containsEntry("incorrect", 1).containsEntry("errors", 0)
                .containsEntry("expected", 3).containsEntry("category", "MATH");
        assertThat(report.getMap("scores[1]")).containsEntry("graded", 3).containsEntry("correct", 1)
                .containsEntry("noAnswer", 1).containsEntry("errors", 1);
        assertThat(report.getDouble("scores[0].accuracy")).isCloseTo(2.0 / 3, within(1e-6));
        // A rollup's values are unwrapped into the flat fields it always had (issue 22).
        assertThat(report.getMap("overall[0]")).containsEntry("modelId", "sim-strong").containsEntry("graded", 3)
                .containsEntry("expected", 3).containsEntry("correct", 2).containsEntry("progress", 1.0f)
                .containsKeys("accuracy", "ci95Low", "ci95High", "meanScore", "benchmarkMean", "tokens", "errorKinds")
                .doesNotContainKeys("grading", "counts", "estimates", "calls", "benchmarkMeanValue");

        await().atMost(DEADLINE).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(sample(metrics, "evalstream_graded_samples", run, "sim-strong")).isEqualTo(3.0);
            assertThat(sample(metrics, "evalstream_correct_samples", run, "sim-weak")).isEqualTo(1.0);
            assertThat(sample(metrics, "evalstream_error_samples", run, "sim-weak")).isEqualTo(1.0);
            assertThat(sample(metrics, "evalstream_expected_samples", run, "sim-weak")).isEqualTo(3.0);
            assertThat(sample(metrics, "evalstream_run_progress_ratio", run, "sim-strong")).isEqualTo(1.0);
            assertThat(metrics).containsPattern("evalstream_dead_letters_total\\{[^}]*topic=\"evalstream.grades\"");
            // The stores that took these grades draw on the configured 128 MiB budget, and it shows.
            assertThat(metrics).containsPattern("(?m)^evalstream_rocksdb_memory_bytes\\{kind=\"budget\"} 1\\.34217728E8$");
            assertThat(gauge(metrics, "evalstream_rocksdb_memory_bytes{kind=\"used\"}")).isPositive()
                    .isLessThanOrEqualTo(134_217_728.0);
        });
        assertThat(deadLetterFor(badKey).headers().lastHeader(DeadLetter.REASON)).isNotNull();
        given().get("/runs").then().statusCode(200).body("runId", hasItem(run));
    }

    @Test
    void theFullReportHasPassAtKForFiveSamplesPerItemSubjectAndGroupScoresAndTheRecordedSettings()
            throws Exception {
        String run = "qt-full-" + UUID.randomUUID().toString().substring(0, 8);
        Subset algebra = new Subset("abstract_algebra", "stem");
        Subset anatomy = new Subset("anatomy", "stem");
        Subset religions = new Subset("world_religions", "humanities");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(Topics.RUNS, run,
                bytes(manifest(run, List.of("sim-strong"), List.of("mmlu"), 20, 5))));
        // item -> (subset, correct samples of 5): pass@1 = (5 + 2 + 0 + 1) / 20 = 0.4
        List<Subset> subsets = List.of(algebra, algebra, anatomy, religions);
        int[] correct = {5, 2, 0, 1};
        for (int item = 0; item < 4; item++) {
            for (int sample = 0; sample < 5; sample++) {
                Grade grade = grade(task(run, "sim-strong", "mmlu", item + 1, sample),
                        sample < correct[item] ? Verdict.CORRECT : Verdict.INCORRECT,
                        sample < correct[item] ? 1.0 : 0.0, subsets.get(item));
                records.add(new ProducerRecord<>(Topics.GRADES, grade.taskId().toString(), bytes(grade)));
            }
        }
        produce(records);

        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/runs/" + run).then().statusCode(200).body("status", is("COMPLETE")));

        JsonPath live = given().get("/runs/" + run).then().statusCode(200).extract().jsonPath();
        assertThat(live.getMap("")).doesNotContainKeys("passAtK", "subsets", "groups", "settings");
        assertThat(live.getList("benchmarkSettings.benchmarkId")).containsExactly("mmlu");
        JsonPath report = given().get("/runs/" + run + "/report").then().statusCode(200).extract().jsonPath();
        assertThat(report.getString("status")).isEqualTo("COMPLETE");
        assertThat(report.getMap("totals")).containsEntry("graded", 20).containsEntry("correct", 8);
        assertThat(report.getDouble("scores[0].meanScore")).isCloseTo(0.4, within(1e-6));
        assertThat(report.getDouble("scores[0].meanScoreStdErr")).isCloseTo(Math.sqrt(0.4 * 0.6 * 20 / 19 / 20),
                within(1e-6));
        assertThat(report.getMap("benchmarkSettings[0]")).containsEntry("benchmarkId", "mmlu")
                .containsEntry("variant", "default").containsEntry("extraction", "MULTIPLE_CHOICE")
                .containsEntry("metric", "EXACT_MATCH").containsEntry("settingsHash", "1b105633790b6540");
        assertThat(report.getInt("benchmarkSettings[0].settings.shots")).isEqualTo(5);
        assertThat(report.getList("settingsHashes")).containsExactly("1b105633790b6540");

        assertThat(report.getList("passAtK")).hasSize(1);
        assertThat(report.getMap("passAtK[0]")).containsEntry("modelId", "sim-strong")
                .containsEntry("benchmarkId", "mmlu").containsEntry("problems", 4).containsEntry("minSamples", 5)
                .containsEntry("maxSamples", 5);
        assertThat(report.getList("passAtK[0].estimates.k")).containsExactly(1);
        assertThat(report.getDouble("passAtK[0].estimates[0].value")).isCloseTo(0.4, within(1e-6));

        assertThat(report.getList("subsets.subset"))
                .containsExactly("abstract_algebra", "anatomy", "world_religions");
        assertThat(report.getList("subsets.group")).containsExactly("stem", "stem", "humanities");
        assertThat(report.getList("subsets.graded")).containsExactly(10, 5, 5);
        assertThat(report.getList("subsets.correct")).containsExactly(7, 0, 1);
        assertThat(report.getDouble("subsets[0].accuracy")).isCloseTo(0.7, within(1e-6));
        assertThat(report.getDouble("subsets[0].ci95Low")).isBetween(0.3, 0.7);
        assertThat(report.getList("groups.group")).containsExactly("humanities", "stem");
        assertThat(report.getList("groups.graded")).containsExactly(5, 15);
        assertThat(report.getList("groups.correct")).containsExactly(1, 7);
        assertThat(report.getDouble("groups[1].meanScore")).isCloseTo(7.0 / 15, within(1e-6));
        // Clients read the served JSON into the shared records (issue 22): written back the way the aggregator writes
        // (its mapper keeps nulls, the client's leaves them out) it is the same JSON, so the records lose nothing.
        ObjectMapper client = ReportJson.mapper();
        ObjectMapper server = ReportJson.flat(mapper);
        JsonNode served = client.readTree(given().get("/runs/" + run + "/report").then().statusCode(200).extract()
                .asString());
        // Compared as parsed text: a tree written from a record holds longs where the parsed one holds ints.
        assertThat(client.readTree(server.writeValueAsString(client.treeToValue(served, FullRunReport.class))))
                .isEqualTo(served);
        JsonNode servedLive = client.readTree(given().get("/runs/" + run).then().statusCode(200).extract().asString());
        assertThat(client.readTree(server.writeValueAsString(client.treeToValue(servedLive, RunReport.class))))
                .isEqualTo(servedLive);

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(sample(given().get("/q/metrics").then()
                .statusCode(200).extract().asString(), "evalstream_score_mean_ratio", run, "sim-strong"))
                .isCloseTo(0.4, within(1e-9)));
    }

    @Test
    void gradesWithoutAManifestAreReportedAsUnknownManifest() throws Exception {
        String run = "qt-nomanifest-" + UUID.randomUUID().toString().substring(0, 8);
        Grade grade = grade(task(run, "sim-weak", "mmlu", 1), Verdict.CORRECT);
        produce(List.of(new ProducerRecord<>(Topics.GRADES, grade.taskId().toString(), bytes(grade))));

        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/runs/" + run).then().statusCode(200).body("status", is("UNKNOWN_MANIFEST"))
                        .body("totals.graded", is(1)).body("scores[0].category", is("KNOWLEDGE")));
    }

    @Test
    void anUnknownRunIsA404WithAMessageAndABadRunIdA400() {
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/runs/never-submitted").then()
                .statusCode(not(503)));

        given().get("/runs/never-submitted").then().statusCode(404)
                .body("error", containsString("no run 'never-submitted'"));
        given().get("/runs/bad id").then().statusCode(400).body("error", containsString("not valid"));
        given().get("/runs/never-submitted/report").then().statusCode(404)
                .body("error", containsString("no run 'never-submitted'"));
        given().get("/runs/bad id/report").then().statusCode(400).body("error", containsString("not valid"));
    }

    private void produce(List<ProducerRecord<String, byte[]>> records) throws Exception {
        Records.send(bootstrap, records);
    }

    private ConsumerRecord<String, byte[]> deadLetterFor(String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DLQ));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }

    private static double sample(String metrics, String name, String run, String model) {
        Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(metrics);
        while (line.find()) {
            String labels = line.group(1);
            if (labels.contains("run=\"" + run + "\"") && labels.contains("model=\"" + model + "\"")) {
                return Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError(name + " for " + run + "/" + model + " is not on /q/metrics");
    }

    /** The value of the series written exactly as {@code series} (name and labels). */
    private static double gauge(String metrics, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        if (!line.find()) {
            throw new AssertionError(series + " is not on /q/metrics");
        }
        return Double.parseDouble(line.group(1));
    }
}
