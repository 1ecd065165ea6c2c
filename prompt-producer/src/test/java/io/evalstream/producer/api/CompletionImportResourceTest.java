package io.evalstream.producer.api;

import static io.evalstream.producer.api.Authorized.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 19: {@code POST /completions} puts completions made elsewhere on the completions topic as a run's. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(180)
@Tag("integration")
class CompletionImportResourceTest {

    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);
    private static final WireFormat<RunManifest> MANIFESTS = WireFormat.of(RunManifest.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void completionsOfTheSpecsItemsArePublishedWithTheirManifestAndUnknownItemsAreRefusedByLine() {
        String runId = "byo-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"spec": {"runId": "%s", "models": ["their-model"], "benchmarks": [{"id": "gsm8k", "limit": 3}]},
                 "completions": [
                   {"line": 1, "model": "their-model", "benchmark": "gsm8k", "itemId": "0", "prompt": "Q: 0?",
                    "completion": "The answer is 3."},
                   {"line": 2, "model": "their-model", "benchmark": "gsm8k", "itemId": "%s", "prompt": "Q: 1?",
                    "completion": "9 * 2 = 18"}]}""";

        String refused = given().contentType(ContentType.JSON).body(body.formatted(runId, "gsm8k-9999"))
                .post("/completions").then().statusCode(400).extract().path("error");
        assertThat(refused).contains("line 2: benchmark 'gsm8k' has no item 'gsm8k-9999'");

        given().contentType(ContentType.JSON).body(body.formatted(runId, "1")).post("/completions").then()
                .statusCode(202);

        List<Completion> published;
        try (TopicReader completions = new TopicReader(bootstrapServers, Topics.COMPLETIONS)) {
            published = completions.readKeys(key -> key.startsWith(runId + "/"), 2, Duration.ofSeconds(60)).stream()
                    .map(ConsumerRecord::value).map(CompletionImportResourceTest::completion).toList();
        }
        assertThat(published).extracting(completion -> completion.taskId().toString()).containsExactlyInAnyOrder(
                runId + "/their-model/gsm8k/0/default/0", runId + "/their-model/gsm8k/1/default/0");
        assertThat(published).extracting(Completion::backend).containsOnly("imported");
        try (TopicReader runs = new TopicReader(bootstrapServers, Topics.RUNS)) {
            RunManifest manifest = runs.readKeys(runId::equals, 1, Duration.ofSeconds(60)).stream()
                    .map(record -> ((Decoded.Valid<RunManifest>) MANIFESTS.decode(record.value())).value())
                    .findFirst().orElseThrow();
            assertThat(manifest.expectedTotal()).isEqualTo(2);
        }
    }

    private static Completion completion(byte[] bytes) {
        return ((Decoded.Valid<Completion>) COMPLETIONS.decode(bytes)).value();
    }
}
