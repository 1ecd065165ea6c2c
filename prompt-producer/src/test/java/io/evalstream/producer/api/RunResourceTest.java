package io.evalstream.producer.api;

import static io.evalstream.producer.api.Authorized.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.core.type.TypeReference;
import io.evalstream.benchmarks.Benchmark;
import io.evalstream.benchmarks.Catalog;
import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.BenchmarkInfo;
import io.evalstream.contracts.BenchmarkSettings;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.ModelProjection;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.RunAccepted;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
@Tag("integration")
class RunResourceTest {

    private static final Duration DEADLINE = RunRecords.DEADLINE;

    static final Path USER_BENCHMARKS = Path.of("src/test/resources/user-benchmarks").toAbsolutePath().normalize();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Catalog catalog;

    @Test
    void aValidSpecIsAcceptedOnlyAfterItsManifestAndEveryTaskAreOnKafka() throws Exception {
        String runId = "accept-" + UUID.randomUUID();
        SettingsOverrides overrides = new SettingsOverrides(2, true, 0.7, null, 128, null, null);
        Benchmark gsm8k = catalog.find("gsm8k").orElseThrow();
        Benchmark mmlu = catalog.find("mmlu").orElseThrow();
        Settings gsm8kSettings = overrides.applyTo(gsm8k.settings());
        Settings mmluSettings = overrides.applyTo(mmlu.settings());

        List<PromptTask> tasks;
        RunManifest manifest;
        try (TopicReader taskTopic = new TopicReader(bootstrapServers, Topics.TASKS);
                TopicReader runTopic = new TopicReader(bootstrapServers, Topics.RUNS)) {
            taskTopic.endOffsets();
            runTopic.endOffsets();
            Response response = post("""
                    {"runId": "%s", "models": ["model-a", "model-b"],
                     "benchmarks": [{"id": "gsm8k", "limit": 3}, {"id": "mmlu", "limit": 7}],
                     "settings": {"shots": 2, "chainOfThought": true, "temperature": 0.7, "maxTokens": 128},
                     "samplesPerItem": 2}
                    """.formatted(runId));
            // The topics as they are the moment the 202 arrives (readers opened beforehand, so this is one request):
            // only records below these offsets count. Polling afterwards would let a producer that answers before the
            // broker acknowledged its sends catch up unseen.
            Map<TopicPartition, Long> taskEnds = taskTopic.endOffsets();
            Map<TopicPartition, Long> runEnds = runTopic.endOffsets();
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
            tasks = RunRecords.tasks(taskTopic.readBelow(taskEnds, key -> key.startsWith(runId + "/")));
            manifest = RunRecords.manifest(runTopic.readBelow(runEnds, runId::equals));
            checkAccepted(response, runId, gsm8k, gsm8kSettings, mmlu, mmluSettings);
            // evalctl reads this answer into the same record (issue 22).
            RunAccepted read = Json.mapper().readValue(response.asString(), RunAccepted.class);
            assertThat(read.runId()).isEqualTo(runId);
            assertThat(read.tasks()).isEqualTo(40);
            assertThat(read.published()).isTrue();
            assertThat(read.projection().models()).extracting(ModelProjection::modelId)
                    .containsExactly("model-a", "model-b");
        }

        assertThat(tasks).hasSize(40);
        assertThat(tasks.stream().map(PromptTask::taskId).collect(Collectors.toSet())).isEqualTo(expectedIds(runId));
        assertThat(tasks).allSatisfy(task -> {
            assertThat(task.purpose()).isEqualTo(Purpose.EVAL);
            assertThat(task.prompt()).endsWith("Answer: Let's think step by step.");
        });
        PromptTask math = find(tasks, new TaskId(runId, "model-b", "gsm8k", "0", "default", 1));
        assertThat(math.reference()).isEqualTo("33");
        assertThat(math.category()).isEqualTo(Category.MATH);
        assertThat(math.extraction()).isEqualTo(Extraction.NUMERIC.name());
        assertThat(math.settings()).isEqualTo(gsm8kSettings);
        assertThat(math.prompt()).contains("Question: Maria buys 4 packs of pencils").contains("The answer is 9.");
        PromptTask choice = find(tasks, new TaskId(runId, "model-a", "mmlu", "high_school_geography-0", "default", 0));
        assertThat(choice.reference()).isEqualTo("C");
        assertThat(choice.category()).isEqualTo(Category.KNOWLEDGE);
        assertThat(choice.extraction()).isEqualTo(Extraction.MULTIPLE_CHOICE.name());
        assertThat(choice.subset()).isEqualTo(new Subset("high_school_geography", "social_sciences"));
        assertThat(choice.settings()).isEqualTo(mmluSettings);
        assertThat(choice.settingsHash()).isEqualTo(mmlu.settingsHash("default", mmluSettings));
        assertThat(choice.prompt()).startsWith("The following are multiple choice questions (with answers) about"
                + " high school geography.").contains("(C) Amazon\n");

        assertThat(manifest.expectedTotal()).isEqualTo(40);
        assertThat(manifest.expected()).contains(new ExpectedCount("model-b", "mmlu", Category.KNOWLEDGE, 14));
        assertThat(manifest.spec().settings()).isEqualTo(overrides);
        assertThat(manifest.benchmarkSettings()).containsExactly(
                new BenchmarkSettings("gsm8k", "default", gsm8kSettings, Extraction.NUMERIC, Metric.NUMERIC_EQUAL,
                        gsm8k.settingsHash("default", gsm8kSettings)),
                new BenchmarkSettings("mmlu", "default", mmluSettings, Extraction.MULTIPLE_CHOICE, Metric.EXACT_MATCH,
                        mmlu.settingsHash("default", mmluSettings)));
        given().get("/runs/" + runId).then().statusCode(200)
                .body("spec.runId", equalTo(runId))
                .body("benchmarkSettings", hasSize(2))
                .body("submittedAt", equalTo(manifest.submittedAt().toString()));
    }

    @Test
    void everyVariantOfEveryItemIsPublishedWithItsOwnHash() {
        String runId = "variants-" + UUID.randomUUID();
        Benchmark mmlu = catalog.find("mmlu").orElseThrow();

        post("""
                {"runId": "%s", "models": ["m"], "benchmarks": [{"id": "mmlu", "limit": 2,
                 "variants": ["default", "terse"], "settings": {"shots": 1}}]}
                """.formatted(runId)).then().statusCode(202)
                .body("tasks", equalTo(4))
                .body("expected[0].tasks", equalTo(4))
                .body("settingsHash.mmlu.terse", equalTo(mmlu.settingsHash("terse", mmlu.settings().withShots(1))));

        List<PromptTask> tasks = readTasks(runId, 4);
        PromptTask terse = find(tasks, new TaskId(runId, "m", "mmlu", "astronomy-0", "terse", 0));
        PromptTask paper = find(tasks, new TaskId(runId, "m", "mmlu", "astronomy-0", "default", 0));
        assertThat(terse.prompt()).doesNotStartWith("The following").contains("\nB. Mars\n").endsWith("Answer:");
        assertThat(paper.prompt()).startsWith("The following are multiple choice questions");
        assertThat(terse.settingsHash()).isNotEqualTo(paper.settingsHash());
        assertThat(terse.reference()).isEqualTo(paper.reference());
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
            unknown benchmark       | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "gsm8k"}, {"id": "nope"}]} | invalid RunSpec: field 'benchmarks[1].id' names unknown benchmark 'nope'; known benchmarks: capitals, drop, facts, gsm8k, humaneval, math, mmlu, quiz, stories, story-endings, story-text, triviaqa
            unknown variant         | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "gsm8k", "variants": ["fancy"]}]} | invalid RunSpec: field 'benchmarks[0].variants' names unknown variant 'fancy' of benchmark 'gsm8k'; its variants: default, terse
            pass@k without sampling | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "humaneval"}], "samplesPerItem": 10} | invalid RunSpec: field 'samplesPerItem' is 10 but the effective 'settings.temperature' of benchmark 'humaneval' is 0.0 (greedy)
            limit zero              | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "gsm8k", "limit": 0}]} | invalid RunSpec: field 'benchmarks[].limit' must be >= 1
            shots 99                | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "gsm8k"}], "settings": {"shots": 99}} | invalid RunSpec: field 'settings.shots' must be between 0
            more shots than exemplars | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "mmlu"}], "settings": {"shots": 6}} | invalid RunSpec: field 'settings.shots' is 6 but benchmark 'mmlu' has only 5 few-shot exemplars; ask for at most 5
            selection shots too many  | {"runId": "r1", "models": ["m"], "benchmarks": [{"id": "math", "settings": {"shots": 5}}]} | invalid RunSpec: field 'benchmarks[0].settings.shots' is 5 but benchmark 'math' has only 4 few-shot exemplars; ask for at most 4
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
    void clientsReadTheBenchmarkListAsTheRecordsItIsWrittenFrom() throws Exception {
        List<BenchmarkInfo> listed = Json.mapper().readValue(given().get("/benchmarks").then().statusCode(200)
                .extract().asString(), new TypeReference<>() {
                });

        BenchmarkInfo gsm8k = listed.stream().filter(info -> info.id().equals("gsm8k")).findFirst().orElseThrow();
        assertThat(gsm8k.data().items()).isEqualTo(40);
        assertThat(gsm8k.prompts().settings().shots()).isEqualTo(8);
        assertThat(gsm8k.prompts().variants()).containsExactly("default", "terse");
    }

    @Test
    void benchmarksAreListedWithTheirSizesSettingsVariantsAndSources() {
        given().get("/benchmarks").then().statusCode(200)
                // One flat object per benchmark, in the README's order, though the record groups its values.
                .body("find { it.id == 'stories' }.keySet().toList()", equalTo(List.of("id", "description",
                        "category", "items", "source", "extraction", "metric", "settings", "variants", "maxShots",
                        "judging")))
                .body("find { it.id == 'mmlu' }.keySet().toList()", equalTo(List.of("id", "description",
                        "category", "items", "source", "extraction", "metric", "settings", "variants", "maxShots",
                        "subsets")))
                .body("id", equalTo(List.of("capitals", "drop", "facts", "gsm8k", "humaneval", "math", "mmlu", "quiz",
                        "stories", "story-endings", "story-text", "triviaqa")))
                .body("items", equalTo(List.of(4, 9, 3, 40, 6, 12, 50, 3, 24, 120, 300, 12)))
                .body("category", equalTo(List.of("KNOWLEDGE", "COMPREHENSION", "REASONING", "MATH", "CODING", "MATH",
                        "KNOWLEDGE", "KNOWLEDGE", "WRITING", "COMPREHENSION", "WRITING", "KNOWLEDGE")))
                .body("metric", equalTo(List.of("ALIAS_MATCH", "TOKEN_F1", "NUMERIC_EQUAL", "NUMERIC_EQUAL",
                        "CODE_EXECUTION", "MATH_EQUIVALENCE", "EXACT_MATCH", "EXACT_MATCH", "RUBRIC", "LIKELIHOOD_ACC",
                        "BITS_PER_BYTE", "ALIAS_MATCH")))
                .body("maxShots", equalTo(List.of(1, 3, 2, 8, 0, 4, 5, 0, 0, 0, 0, 3)))
                .body("find { it.id == 'stories' }.judging.rubric", equalTo("tinystories"))
                .body("find { it.id == 'stories' }.judging.judge", equalTo("auto"))
                .body("find { it.id == 'gsm8k' }.extraction", equalTo("NUMERIC"))
                .body("find { it.id == 'gsm8k' }.settings.shots", equalTo(8))
                .body("find { it.id == 'gsm8k' }.settings.chainOfThought", equalTo(true))
                .body("find { it.id == 'gsm8k' }.variants", equalTo(List.of("default", "terse")))
                .body("find { it.id == 'gsm8k' }.source", equalTo("built-in samples (classpath:datasets/)"))
                .body("find { it.id == 'mmlu' }.subsets.count", equalTo(5))
                .body("find { it.id == 'mmlu' }.subsets.declared", equalTo(57))
                .body("find { it.id == 'mmlu' }.subsets.groups", equalTo(Map.of("other", 1, "social_sciences", 1,
                        "stem", 3)))
                .body("find { it.id == 'capitals' }.source", equalTo(USER_BENCHMARKS.toString()))
                .body("find { it.id == 'capitals' }.variants", equalTo(List.of("default", "polite")));
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

    private static void checkAccepted(Response response, String runId, Benchmark gsm8k, Settings gsm8kSettings,
            Benchmark mmlu, Settings mmluSettings) {
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
                .body("settingsHash.gsm8k.default", equalTo(gsm8k.settingsHash("default", gsm8kSettings)))
                .body("settingsHash.mmlu.default", equalTo(mmlu.settingsHash("default", mmluSettings)))
                .body("benchmarkSettings", hasSize(2))
                .body("benchmarkSettings[1].benchmarkId", equalTo("mmlu"))
                .body("benchmarkSettings[1].variant", equalTo("default"))
                .body("benchmarkSettings[1].settings.shots", equalTo(2))
                .body("benchmarkSettings[1].settings.stop", equalTo(List.of("\n\n")))
                .body("benchmarkSettings[1].metric", equalTo("EXACT_MATCH"));
    }

    private static Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/runs");
    }

    private List<PromptTask> readTasks(String runId, int count) {
        return RunRecords.tasks(bootstrapServers, runId, count);
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
        return RunRecords.find(tasks, id);
    }
}
