package io.evalstream.aggregator.api;

import static io.evalstream.aggregator.api.Authorized.given;
import static io.evalstream.reports.Fixtures.HASH;
import static io.evalstream.reports.Fixtures.SETTINGS;
import static io.evalstream.reports.Fixtures.bytes;
import static io.evalstream.reports.Fixtures.grade;
import static io.evalstream.reports.Fixtures.manifest;
import static io.evalstream.reports.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Answer;
import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Exchange;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.WireFormat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Report formats and the per-sample export on a real broker: duplicates and a replaced grade, a deleted record,
 * grades that point at their completion.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@Tag("integration")
class ReportExportResourceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);
    private static final String PROMPT = "Question: Tom has 3 apples and buys 4 more. How many?\nAnswer:";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theExportHasOneLinePerTaskWithItsLatestGradeTextAndTheReportComesInEveryFormat() throws Exception {
        String run = "qt-export-" + UUID.randomUUID().toString().substring(0, 8);
        TaskId replaced = task(run, "sim-strong", "gsm8k", 2);
        Grade first = recorded(grade(task(run, "sim-strong", "gsm8k", 1), Verdict.CORRECT), "The answer is 7.");
        List<Grade> grades = List.of(first, recorded(grade(replaced, Verdict.ERROR), null), first,
                recorded(grade(replaced, Verdict.INCORRECT), "It is 8, \"eight\" |\n<script>x</script>"),
                recorded(grade(task(run, "sim-weak", "gsm8k", 1), Verdict.NO_ANSWER), "I don't know"),
                recorded(grade(task(run, "sim-weak", "gsm8k", 2), Verdict.CORRECT), "7"));
        publish(run, grades, null);
        awaitComplete(run);

        Response export = given().get("/runs/" + run + "/samples").then().statusCode(200)
                .header("Content-Type", startsWith("application/x-ndjson"))
                .header("Content-Type", containsString("charset=UTF-8")).extract().response();
        Map<String, JsonNode> lines = byTask(export.asString());
        assertThat(lines).hasSize(4);
        JsonNode latest = lines.get(replaced.toString());
        assertThat(latest.get("verdict").asText()).isEqualTo("INCORRECT");
        assertThat(latest.get("completion").asText()).isEqualTo("It is 8, \"eight\" |\n<script>x</script>");
        assertThat(latest.get("prompt").asText()).isEqualTo(PROMPT);
        assertThat(latest.get("settingsHash").asText()).isEqualTo("1b105633790b6540");
        assertThat(latest.get("category").asText()).isEqualTo("MATH");
        assertThat(latest.get("subset").isNull()).isTrue();
        assertThat(latest.get("extracted").asText()).isEqualTo("42");
        assertThat(latest.get("usage").get("completionTokens").asLong()).isEqualTo(9);
        assertThat(latest.get("source").get("offset").asLong()).isNotNegative();
        assertThat(latest.has("unavailable")).isFalse();
        assertThat(latest.get("errorKind").isNull()).isTrue();
        assertThat(lines.values()).allSatisfy(line -> assertThat(line.get("runId").asText()).isEqualTo(run));
        assertThat(lines.get(task(run, "sim-strong", "gsm8k", 1).toString()).get("completion").asText())
                .isEqualTo("The answer is 7.");

        assertThat(byTask(given().queryParam("model", "sim-weak").get("/runs/" + run + "/samples").then()
                .statusCode(200).extract().asString())).hasSize(2).allSatisfy((task, line) ->
                assertThat(line.get("modelId").asText()).isEqualTo("sim-weak"));
        assertThat(given().queryParam("model", "sim-weak").queryParam("benchmark", "mmlu")
                .get("/runs/" + run + "/samples").then().statusCode(200).extract().asString()).isEmpty();

        assertReportFormats(run);
    }

    @Test
    void aTaskWhoseGradeRecordWasDeletedIsExportedWithWhatTheStoreKnowsAndWhy() throws Exception {
        String run = "qt-retention-" + UUID.randomUUID().toString().substring(0, 8);
        TaskId deleted = task(run, "sim-strong", "gsm8k", 1);
        TaskId kept = task(run, "sim-strong", "gsm8k", 2);
        // Each task on a partition of its own, so deleting one record leaves the other task's grade readable.
        publish(run, List.of(recorded(grade(deleted, Verdict.CORRECT), "7")), 0);
        publish(run, List.of(recorded(grade(kept, Verdict.INCORRECT), "8")), 1);
        awaitComplete(run);
        JsonNode before = byTask(given().get("/runs/" + run + "/samples").then().statusCode(200).extract().asString())
                .get(deleted.toString());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long offset = before.get("source").get("offset").asLong();
            admin.deleteRecords(Map.of(new TopicPartition(Topics.GRADES, 0), RecordsToDelete.beforeOffset(offset + 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }

        Map<String, JsonNode> lines = byTask(given().get("/runs/" + run + "/samples").then().statusCode(200)
                .extract().asString());
        assertThat(lines).hasSize(2);
        JsonNode gone = lines.get(deleted.toString());
        assertThat(gone.get("unavailable").asText()).contains("deleted (retention)");
        assertThat(gone.get("verdict").asText()).isEqualTo("CORRECT");
        assertThat(gone.get("settingsHash").asText()).isEqualTo("1b105633790b6540");
        assertThat(gone.get("category").asText()).isEqualTo("MATH");
        assertThat(gone.get("source")).isEqualTo(before.get("source"));
        assertThat(gone.get("completion").isNull()).isTrue();
        assertThat(lines.get(kept.toString()).get("completion").asText()).isEqualTo("8");
        assertThat(lines.get(kept.toString()).has("unavailable")).isFalse();
    }

    @Test
    void gradesThatPointAtTheirCompletionAreExportedWithItsPromptAndTextInGradeOrder() throws Exception {
        String run = "qt-pointed-" + UUID.randomUUID().toString().substring(0, 8);
        // More than one chunk of grades, so lines are completed chunk by chunk.
        int tasks = 2 * 1_000 + 150;
        List<ProducerRecord<String, byte[]>> completions = new ArrayList<>();
        for (int i = 1; i <= tasks; i++) {
            TaskId id = task(run, "sim-strong", "gsm8k", i);
            PromptTask prompt = PromptTask.of(id, Purpose.EVAL, "Question " + i + ": how many?\nAnswer:",
                    AnswerKey.of(Extraction.NUMERIC, "42"), TaskSetup.of(Category.MATH, SETTINGS, HASH));
            completions.add(new ProducerRecord<>(Topics.COMPLETIONS, id.toString(), COMPLETIONS.encode(
                    Completion.of(prompt, Answer.ok("The answer is " + i + "."),
                            ModelCall.now("sim", true, 812, 1, new TokenUsage(2, 9))))));
        }
        List<RecordMetadata> at = Records.send(bootstrap, completions);
        List<Grade> grades = new ArrayList<>();
        for (int i = 1; i <= tasks; i++) {
            RecordMetadata completion = at.get(i - 1);
            SourcePosition position = switch (i) {
                // One grade points past the partition's end, one at another task's completion.
                case 1 -> new SourcePosition(completion.partition(), completion.offset() + 1_000_000);
                case 2 -> new SourcePosition(at.get(2).partition(), at.get(2).offset());
                default -> new SourcePosition(completion.partition(), completion.offset());
            };
            grades.add(grade(task(run, "sim-strong", "gsm8k", i), Verdict.CORRECT).pointingAt(position));
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(Topics.RUNS, run, bytes(manifest(run, List.of("sim-strong"),
                List.of("gsm8k"), tasks))));
        grades.forEach(grade -> records.add(new ProducerRecord<>(Topics.GRADES, grade.taskId().toString(),
                bytes(grade))));
        Records.send(bootstrap, records);
        awaitComplete(run);

        List<JsonNode> lines = given().get("/runs/" + run + "/samples").then().statusCode(200).extract().asString()
                .lines().map(ReportExportResourceTest::parse).toList();
        assertThat(lines).hasSize(tasks);
        Map<String, JsonNode> byTask = lines.stream().collect(Collectors.toMap(line -> line.get("taskId").asText(),
                Function.identity()));
        for (int i = 3; i <= tasks; i++) {
            JsonNode line = byTask.get(task(run, "sim-strong", "gsm8k", i).toString());
            assertThat(line.get("prompt").asText()).isEqualTo("Question " + i + ": how many?\nAnswer:");
            assertThat(line.get("completion").asText()).isEqualTo("The answer is " + i + ".");
            assertThat(line.get("verdict").asText()).isEqualTo("CORRECT");
            assertThat(line.has("unavailable")).isFalse();
        }
        JsonNode pastTheEnd = byTask.get(task(run, "sim-strong", "gsm8k", 1).toString());
        assertThat(pastTheEnd.get("unavailable").asText()).contains("completion record", "(was the topic recreated?)");
        assertThat(pastTheEnd.get("prompt").isNull()).isTrue();
        assertThat(pastTheEnd.get("verdict").asText()).as("the grade itself was read").isEqualTo("CORRECT");
        assertThat(pastTheEnd.get("extracted").asText()).isEqualTo("42");
        assertThat(byTask.get(task(run, "sim-strong", "gsm8k", 2).toString()).get("unavailable").asText())
                .contains("answers task " + task(run, "sim-strong", "gsm8k", 3));
        // Lines come partition by partition in grade-offset order, as the grades were read.
        for (int i = 1; i < lines.size(); i++) {
            JsonNode before = lines.get(i - 1).get("source");
            JsonNode after = lines.get(i).get("source");
            assertThat(before.get("partition").asInt() < after.get("partition").asInt()
                    || before.get("partition").asInt() == after.get("partition").asInt()
                    && before.get("offset").asLong() < after.get("offset").asLong()).isTrue();
        }
    }

    @Test
    void anUnknownRunIsA404AndABadRunIdA400ForTheExport() {
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/runs/never-exported/samples").then()
                .statusCode(404).body("error", containsString("no run 'never-exported'")));
        given().get("/runs/bad id/samples").then().statusCode(400).body("error", containsString("not valid"));
        given().queryParam("format", "csv").get("/runs/never-exported/report").then().statusCode(404);
    }

    private void assertReportFormats(String run) {
        String markdown = given().queryParam("format", "md").get("/runs/" + run + "/report").then().statusCode(200)
                .header("Content-Type", startsWith("text/markdown"))
                .header("Content-Type", containsString("charset=UTF-8"))
                .header("Content-Disposition", is("inline; filename=\"" + run + "-report.md\""))
                .extract().asString();
        assertThat(markdown.lines()).contains("# Run " + run, "- **Status:** COMPLETE", "## Per benchmark")
                .anyMatch(line -> line.startsWith("| sim-strong | gsm8k | MATH | 2 / 2 (100.0%) | 50.0% \\[9.5%, 90.5%\\]"
                        + " | 0.500 ± 0.500 | - | - | ") && line.endsWith(" | 4 in / 18 out | done |"));

        String html = given().accept("text/html").get("/runs/" + run + "/report").then().statusCode(200)
                .header("Content-Type", startsWith("text/html")).extract().asString();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h2>Per benchmark</h2>", "<td>sim-weak</td>")
                .doesNotContain("<script");

        String csv = given().accept("text/csv").get("/runs/" + run + "/report").then().statusCode(200)
                .header("Content-Type", startsWith("text/csv"))
                .header("Content-Disposition", is("inline; filename=\"" + run + "-report.csv\""))
                .extract().asString();
        assertThat(csv).startsWith("scope,runId,modelId,benchmarkId,")
                .contains("\r\noverall," + run + ",sim-strong,,,", "\r\nbenchmark," + run + ",sim-weak,gsm8k,MATH,");

        given().accept("application/json").get("/runs/" + run + "/report").then().statusCode(200)
                .header("Content-Type", startsWith("application/json")).body("runId", is(run));
        given().get("/runs/" + run + "/report").then().statusCode(200)
                .header("Content-Type", startsWith("application/json")).body("totals.graded", is(4));
        given().queryParam("format", "xml").get("/runs/" + run + "/report").then().statusCode(400)
                .body("error", containsString("json, markdown, md, html, csv"));
        given().queryParam("format", "CSV").accept("application/json").get("/runs/" + run + "/report").then()
                .statusCode(200).header("Content-Type", equalToIgnoringCase("text/csv;charset=UTF-8"));
    }

    /** The grade recording the prompt, completion (null for a failed call) and token usage of its call. */
    private static Grade recorded(Grade grade, String completion) {
        CallFacts call = grade.call();
        return new Grade(grade.schemaVersion(), grade.taskId(), grade.marking(), grade.context(),
                new CallFacts(call.latencyMillis(), call.simulated(), completion == null ? null : new TokenUsage(2, 9),
                        call.spend()), grade.evidence(), Exchange.copied(PROMPT, completion), grade.scorers());
    }

    /** The manifest (expecting 2 tasks per model) and the grades, each on {@code partition} or by key when null. */
    private void publish(String run, List<Grade> grades, Integer partition) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(Topics.RUNS, run, bytes(manifest(run, models(grades), List.of("gsm8k"), 2))));
        grades.forEach(grade -> records.add(new ProducerRecord<>(Topics.GRADES, partition, grade.taskId().toString(),
                bytes(grade))));
        Records.send(bootstrap, records);
    }

    private static List<String> models(List<Grade> grades) {
        return grades.stream().map(grade -> grade.taskId().modelId()).distinct().sorted().toList();
    }

    private static void awaitComplete(String run) {
        Records.awaitComplete(run, DEADLINE);
    }

    private static Map<String, JsonNode> byTask(String ndjson) {
        return ndjson.lines().map(ReportExportResourceTest::parse)
                .collect(Collectors.toMap(line -> line.get("taskId").asText(), Function.identity()));
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }
}
