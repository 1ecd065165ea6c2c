package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON form of every wire record, pinned by golden files (regenerate with -Dgolden.update=true and
 * review the diff), read back to an equal record, and valid against the JSON Schema outside producers use.
 */
@Timeout(30)
class GoldenJsonTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix("https://evalstream.io/schemas/",
                    "classpath:schemas/")));

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of("PromptTask", Samples.task(), "prompt-task"),
                Arguments.of("PromptTask.code", Samples.codeTask(), "prompt-task"),
                Arguments.of("PromptTask.subset", Samples.subsetTask(), "prompt-task"),
                Arguments.of("Completion", Samples.completion(), "completion"),
                Arguments.of("Completion.error", Samples.failedCompletion(), "completion"),
                Arguments.of("Grade", Samples.grade(), "grade"),
                Arguments.of("PromptTask.story", Samples.storyTask(), "prompt-task"),
                Arguments.of("PromptTask.judge", Samples.judgeTask(), "prompt-task"),
                Arguments.of("Completion.story", Samples.storyCompletion(), "completion"),
                Arguments.of("Grade.judged", Samples.judgedGrade(), "grade"),
                Arguments.of("PromptTask.choice", Samples.choiceTask(), "prompt-task"),
                Arguments.of("Completion.choice", Samples.choiceCompletion(), "completion"),
                Arguments.of("Grade.measured", Samples.measuredGrade(), "grade"),
                Arguments.of("RunSpec", Samples.runSpec(), "run-spec"),
                Arguments.of("RunSpec.stop", Samples.stoppingRunSpec(), "run-spec"),
                Arguments.of("StopDecision", Samples.stopDecision(), "stop-decision"),
                Arguments.of("RunManifest", Samples.manifest(), "run-manifest"),
                Arguments.of("RunManifest.clusters", Samples.clusteredManifest(), "run-manifest"),
                Arguments.of("BenchmarkScore", Samples.score(), "benchmark-score"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    <T> void recordMatchesItsGoldenJsonAndReadsBackEqual(String name, T record, String schema) throws IOException {
        @SuppressWarnings("unchecked")
        WireFormat<T> format = WireFormat.of((Class<T>) record.getClass());
        String json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(record) + "\n";
        Path golden = GOLDEN.resolve(name + ".v1.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, json);
        }
        assertThat(json).isEqualTo(Files.readString(golden));
        assertThat(format.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Decoded.Valid<>(record));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void goldenJsonIsValidAgainstTheRecordsJsonSchema(String name, Object record, String schema) throws IOException {
        JsonSchema jsonSchema = SCHEMAS.getSchema(
                SchemaLocation.of("https://evalstream.io/schemas/" + schema + ".v1.schema.json"));
        JsonNode json = Json.mapper().readTree(Files.readString(GOLDEN.resolve(name + ".v1.json")));
        assertThat(jsonSchema.validate(json)).isEmpty();
    }
}
