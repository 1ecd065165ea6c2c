package io.evalstream.producer.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.SettingsHash;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
class RunResourceTest {

    private static final WireFormat<PromptTask> TASK = WireFormat.of(PromptTask.class);
    private static final WireFormat<RunManifest> MANIFEST = WireFormat.of(RunManifest.class);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aValidSpecIsAcceptedOnlyAfterItsManifestAndEveryTaskAreOnKafka() {
        String runId = "accept-" + UUID.randomUUID();
        Settings settings = Settings.of(2, true, null, null, 128, null, null);

        Response response = post("""
                {"runId": "%s", "models": ["model-a", "model-b"],
                 "benchmarks": [{"id": "gsm8k", "limit": 3}, {"id": "mmlu", "limit": 7}],
                 "settings": {"shots": 2, "chainOfThought": true, "maxTokens": 128}, "samplesPerItem": 2}
                """.formatted(runId));

        response.then().statusCode(202)
                .header("Location", "/runs/" + runId)
                .body("runId", equalTo(runId))
                .body("tasks", equalTo(40))
                .body("expected", hasSize(4))
                .body("expected[0].modelId", equalTo("model-a"))
                .body("expected[0].benchmarkId", equalTo("gsm8k"))
                .body("expected[0].category", equalTo("MATH"))
                .body("expected[0].tasks", equalTo(6))
                .body("expected[1].benchmarkId", equalTo("mmlu"))
                .body("expected[1].tasks", equalTo(14))
                .body("settingsHash.gsm8k", equalTo(SettingsHash.of(settings, Extraction.NUMERIC, "default")))
                .body("settingsHash.mmlu", equalTo(SettingsHash.of(settings, Extraction.MULTIPLE_CHOICE, "default")));

        List<PromptTask> tasks = readTasks(runId, 40);
        assertThat(tasks).hasSize(40);
        assertThat(tasks.stream().map(PromptTask::taskId).collect(Collectors.toSet())).isEqualTo(expectedIds(runId));
        assertThat(tasks).allSatisfy(task -> {
            assertThat(task.purpose()).isEqualTo(Purpose.EVAL);
            assertThat(task.settings()).isEqualTo(settings);
            assertThat(task.prompt()).endsWith("Answer: Let's think step by step.");
        });
        PromptTask math = find(tasks, new TaskId(runId, "model-b", "gsm8k", "0", "default", 1));
        assertThat(math.reference()).isEqualTo("33");
        assertThat(math.category()).isEqualTo(Category.MATH);
        assertThat(math.extraction()).isEqualTo(Extraction.NUMERIC);
        assertThat(math.prompt()).contains("Question: Maria buys 4 packs of pencils").contains("The answer is 9.");
        PromptTask choice = find(tasks, new TaskId(runId, "model-a", "mmlu", "high_school_geography-0", "default", 0));
        assertThat(choice.reference()).isEqualTo("C");
        assertThat(choice.category()).isEqualTo(Category.KNOWLEDGE);
        assertThat(choice.extraction()).isEqualTo(Extraction.MULTIPLE_CHOICE);
        assertThat(choice.prompt()).startsWith("The following are multiple choice questions (with answers) about"
                + " high school geography.").contains("(C) Amazon\n");

        RunManifest manifest = readManifest(runId);
        assertThat(manifest.expectedTotal()).isEqualTo(40);
        assertThat(manifest.expected()).contains(new ExpectedCount("model-b", "mmlu", Category.KNOWLEDGE, 14));
        assertThat(manifest.spec().settings()).isEqualTo(settings);
        given().get("/runs/" + runId).then().statusCode(200)
                .body("spec.runId", equalTo(runId))
                .body("submittedAt", equalTo(manifest.submittedAt().toString()));
    }

    @Test
    void resubmittingASpecRepublishesTheSameTaskIds() {
        String runId = "again-" + UUID.randomUUID();
        String spec = """
                {"runId": "%s", "models": ["m"], "benchmarks": [{"id": "mmlu", "limit": 3}], "samplesPerItem": 0}
                """.formatted(runId);

        post(spec).then().statusCode(202).body("tasks", equalTo(3));
        post(spec).then().statusCode(202).body("tasks", equalTo(3));

        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.TASKS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readKeys(key -> key.startsWith(runId + "/"), 3,
                    DEADLINE);
            assertThat(records.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                    runId + "/m/mmlu/astronomy-0/default/0", runId + "/m/mmlu/computer_security-0/default/0",
                    runId + "/m/mmlu/elementary_mathematics-0/default/0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON                | this is not json                                                   | not a valid JSON RunSpec
            missing models          | {"runId": "r1", "benchmarks": [{"id": "gsm8k"}]}                   | invalid RunSpec: field 'models' is required but missing or null
            empty models            | {"runId": "r1", "models": [], "benchmarks": [{"id": "gsm8k"}]}     | invalid RunSpec: field 'models' must list at least one entry
            runId with a slash      | {"runId": "a/b", "models": ["m"], "benchmarks": [{"id": "gsm8k"}]} | invalid RunSpec: field 'runId' must be 1-128 characters
            negative samples        | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "gsm8k"}], "samplesPerItem": -1} | invalid RunSpec: field 'samplesPerItem' must be between 1
            samples not a number    | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "gsm8k"}], "samplesPerItem": "two"} | invalid RunSpec: field 'samplesPerItem'
            unknown benchmark       | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "gsm8k"}, {"id": "nope"}]} | invalid RunSpec: field 'benchmarks[1].id' names unknown benchmark 'nope'; known benchmarks: gsm8k, mmlu
            limit zero              | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "gsm8k", "limit": 0}]} | invalid RunSpec: field 'benchmarks[].limit' must be >= 1
            shots 99                | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "gsm8k"}], "settings": {"shots": 99}} | invalid RunSpec: field 'settings.shots' must be between 0
            more shots than exemplars | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "mmlu"}], "settings": {"shots": 6}} | invalid RunSpec: field 'settings.shots' is 6 but benchmark 'mmlu' has only 5 few-shot exemplars; ask for at most 5
            """)
    void aBadSpecGets400NamingTheField(String what, String body, String reason) {
        post(body).then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", startsWith(reason));
    }

    @Test
    void anEmptyBodyGets400WithAnExample() {
        given().contentType(ContentType.JSON).post("/runs").then().statusCode(400)
                .body("error", startsWith("request body is empty; send a JSON RunSpec, e.g. {\"runId\""));
    }

    @Test
    void anUnknownRunGets404() {
        given().get("/runs/never-submitted").then().statusCode(404)
                .body("error", containsString("run 'never-submitted' was not submitted to this instance"));
    }

    @Test
    void benchmarksAreListedWithTheirSizesAndCategories() {
        given().get("/benchmarks").then().statusCode(200)
                .body("id", equalTo(List.of("gsm8k", "mmlu")))
                .body("items", equalTo(List.of(40, 50)))
                .body("category", equalTo(List.of("MATH", "KNOWLEDGE")))
                .body("extraction", equalTo(List.of("NUMERIC", "MULTIPLE_CHOICE")))
                .body("maxShots", equalTo(List.of(8, 5)));
    }

    @Test
    void publishedTasksAndRunsAreCounted() {
        post("""
                {"runId": "metrics-%s", "models": ["m"], "benchmarks": [{"id": "gsm8k", "limit": 2}]}
                """.formatted(UUID.randomUUID())).then().statusCode(202);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("evalstream_tasks_published_total\\{benchmark=\"gsm8k\"[^}]*} [1-9]")
                .containsPattern("evalstream_runs_submitted_total(\\{[^}]*})? [1-9]");
    }

    private static Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/runs");
    }

    private List<PromptTask> readTasks(String runId, int count) {
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.TASKS)) {
            return reader.readKeys(key -> key.startsWith(runId + "/"), count, DEADLINE).stream().map(record -> {
                PromptTask task = decode(TASK, record.value());
                assertThat(record.key()).isEqualTo(task.taskId().toString());
                return task;
            }).toList();
        }
    }

    private RunManifest readManifest(String runId) {
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.RUNS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readKeys(runId::equals, 1, DEADLINE);
            assertThat(records).hasSize(1);
            return decode(MANIFEST, records.getFirst().value());
        }
    }

    private static Set<TaskId> expectedIds(String runId) {
        Map<String, List<String>> items = Map.of(
                "gsm8k", List.of("0", "1", "2"),
                "mmlu", List.of("astronomy-0", "computer_security-0", "elementary_mathematics-0",
                        "high_school_geography-0", "nutrition-0", "astronomy-1", "computer_security-1"));
        Set<TaskId> ids = new HashSet<>();
        for (String model : List.of("model-a", "model-b")) {
            items.forEach((benchmark, itemIds) -> itemIds.forEach(item -> {
                ids.add(new TaskId(runId, model, benchmark, item, "default", 0));
                ids.add(new TaskId(runId, model, benchmark, item, "default", 1));
            }));
        }
        return ids;
    }

    private static PromptTask find(List<PromptTask> tasks, TaskId id) {
        return tasks.stream().filter(task -> task.taskId().equals(id)).findFirst().orElseThrow();
    }

    private static <T> T decode(WireFormat<T> format, byte[] bytes) {
        return switch (format.decode(bytes)) {
            case Decoded.Valid<T> valid -> valid.value();
            case Decoded.Invalid<T> invalid -> throw new AssertionError("unreadable record: " + invalid.reason());
        };
    }
}
