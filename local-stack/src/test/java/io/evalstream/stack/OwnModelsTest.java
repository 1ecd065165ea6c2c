package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class OwnModelsTest {

    private static final Map<String, String> ENV = Map.of("MY_KEY", "sk-canary-in-env", "EMPTY_KEY", " ");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            mine=openai:http://h/v1,key-env=NOT_SET          | --model mine: key-env names NOT_SET, which is not set here; export NOT_SET=<your key> first
            mine=openai:http://h/v1,key-env=EMPTY_KEY        | key-env names EMPTY_KEY, which is not set here
            mine=openai:http://h/v1,key-file=DIR/no-such-key | --model mine: key-file DIR/no-such-key does not exist; check the path
            mine=openai:http://h/v1,key-file=DIR             | --model mine: key-file DIR is not a readable file
            tiny=gguf:DIR/missing.gguf                       | --model tiny: the GGUF file DIR/missing.gguf does not exist
            sim-strong=sim:weak                              | model 'sim-strong' is the name of a built-in simulated model; choose another name
            """)
    void whatTheMachineLacksIsNamedBeforeAnythingStarts(String option, String message) {
        assertThatThrownBy(() -> OwnModels.resolve(List.of(option.replace("DIR", dir.toString())), null, ENV,
                Path.of("")))
                .isInstanceOf(ModelOptionException.class).hasMessageContaining(message.replace("DIR", dir.toString()))
                .hasMessageNotContaining("sk-canary");
    }

    @Test
    void aNameGivenTwiceAcrossOptionsAndTheFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("models.yaml"), "models: {mine: {backend: sim}}\n");

        assertThatThrownBy(() -> OwnModels.resolve(List.of("mine=sim:weak"), file, ENV, Path.of("")))
                .hasMessage("model 'mine' is named twice (in --model or --models-file); give each model its own name");
    }

    @Test
    void aMissingModelsFileIsNamed() {
        assertThatThrownBy(() -> OwnModels.resolve(List.of(), dir.resolve("nope.yaml"), ENV, Path.of("")))
                .hasMessage("--models-file " + dir.resolve("nope.yaml") + " does not exist; check the path");
    }

    @Test
    void relativeFilesAreFoundFromWhereTheCommandRanAndServedByAbsolutePath() throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "sk-canary-in-file\n");
        Path gguf = Files.writeString(dir.resolve("tiny.gguf"), "GGUF");
        Files.writeString(dir.resolve("models.yaml"), "models: {tiny: {backend: gguf, path: tiny.gguf}}\n");

        OwnModels own = OwnModels.resolve(List.of("env=openai:http://h/v1,key-env=MY_KEY",
                "file=openai:http://h/v1,key-file=key"), Path.of("models.yaml"), ENV, dir);

        assertThat(own.ids()).containsExactly("env", "file", "tiny");
        assertThat(own.workerProperties())
                .containsEntry("evalstream.worker.models.env.openai.api-key", "${MY_KEY}")
                .containsEntry("evalstream.worker.models.file.openai.api-key-file", key.toString())
                .containsEntry("evalstream.worker.models.tiny.gguf.path", gguf.toString());
        assertThat(own.workerProperties().toString() + own.describe()).doesNotContain("sk-canary");
        assertThat(own.describe()).contains("env", "REAL", "key from $MY_KEY", "key from file " + key);
    }
}
