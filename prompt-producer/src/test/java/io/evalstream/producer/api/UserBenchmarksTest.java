package io.evalstream.producer.api;

import static io.evalstream.producer.api.Authorized.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.evalstream.benchmarks.Benchmark;
import io.evalstream.benchmarks.Catalog;
import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.TaskId;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Benchmarks declared only in YAML, with their data beside them in the benchmarks directory
 * ({@code src/test/resources/user-benchmarks}, set in the test {@code application.properties}): a CSV with a header,
 * a gzipped TSV without one, and a JSON document with nested records. They run like the built-ins.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
@Tag("integration")
class UserBenchmarksTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Catalog catalog;

    @Test
    void benchmarksDeclaredOnlyInYamlRunThroughTheApiOntoTheTasksTopic() {
        String runId = "user-" + UUID.randomUUID();
        Benchmark facts = catalog.find("facts").orElseThrow();

        given().contentType(ContentType.JSON).body("""
                {"runId": "%s", "models": ["m1", "m2"], "benchmarks": [
                  {"id": "quiz"},
                  {"id": "capitals", "limit": 2, "variants": ["default", "polite"]},
                  {"id": "facts", "variants": ["default", "bare"], "settings": {"chainOfThought": true}}]}
                """.formatted(runId)).post("/runs").then().statusCode(202)
                .body("tasks", equalTo(2 * (3 + 2 * 2 + 3 * 2)))
                .body("settingsHash.facts.bare", equalTo(facts.settingsHash("bare",
                        new SettingsOverrides(null, true, null, null, null, null, null).applyTo(facts.settings()))));

        List<PromptTask> tasks = RunRecords.tasks(bootstrapServers, runId, 26);
        assertThat(tasks).hasSize(26);

        PromptTask quiz = RunRecords.find(tasks, new TaskId(runId, "m1", "quiz", "geo-1", "default", 0));
        assertThat(quiz.prompt()).isEqualTo("""
                Answer with the letter of the correct option.

                Which river flows through
                Cairo?
                (A) Nile
                (B) Danube
                (C) Volga
                (D) Mekong
                Answer:""");
        assertThat(quiz.reference()).isEqualTo("A");
        assertThat(quiz.extraction()).isEqualTo(Extraction.MULTIPLE_CHOICE.name());
        assertThat(RunRecords.find(tasks, new TaskId(runId, "m2", "quiz", "sci-1", "default", 0)).prompt())
                .contains("What does \"H\" stand for in H2O?");

        PromptTask capital = RunRecords.find(tasks, new TaskId(runId, "m1", "capitals", "Kenya", "polite", 0));
        assertThat(capital.prompt()).isEqualTo("""
                Please answer with the name of the city only.

                Q: What is the capital of Peru?
                A: Lima

                Q: What is the capital of Kenya?
                A:""");
        assertThat(capital.acceptedAnswers()).containsExactly("Nairobi", "Nairobi City");
        assertThat(capital.metric()).isEqualTo(Metric.ALIAS_MATCH.name());
        assertThat(capital.settings().stop()).containsExactly("\n");

        PromptTask fact = RunRecords.find(tasks, new TaskId(runId, "m2", "facts", "fact-2", "default", 0));
        assertThat(fact.prompt()).isEqualTo("""
                Answer questions about history. End with "The answer is <number>."

                Question: How many days are there in a leap year?
                Answer: The answer is 366.

                Question: In which year did the Berlin Wall fall?
                Answer: Let's think step by step.""");
        assertThat(fact.reference()).isEqualTo("1989");
        assertThat(fact.subset()).isEqualTo(new Subset("history", "humanities"));
        assertThat(fact.category()).isEqualTo(Category.REASONING);
        assertThat(RunRecords.find(tasks, new TaskId(runId, "m1", "facts", "fact-1", "bare", 0)).prompt())
                .isEqualTo("How many days are there in a leap year? 366\n\nHow many planets orbit the Sun?");

        RunManifest manifest = RunRecords.manifest(bootstrapServers, runId);
        assertThat(manifest.expected()).contains(new ExpectedCount("m1", "quiz", Category.KNOWLEDGE, 3),
                new ExpectedCount("m2", "capitals", Category.KNOWLEDGE, 4),
                new ExpectedCount("m2", "facts", Category.REASONING, 6));
        assertThat(manifest.benchmarkSettings()).extracting(s -> s.benchmarkId() + "/" + s.variant())
                .containsExactly("quiz/default", "capitals/default", "capitals/polite", "facts/default", "facts/bare");
    }
}
