package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ModelsFileTest {

    @Test
    void aGoodFileGivesEveryModelInOrderWithTheSameMeaningAsTheOptions() {
        List<ModelOption> models = ModelsFile.parse("models.yaml", """
                models:
                  mine:
                    backend: openai
                    url: http://localhost:8080/v1
                    api: completions
                    key-env: MY_KEY
                    concurrency: 8
                    rpm: 600
                    tpm: 100000
                  llama3.1: {backend: openai, url: "http://localhost:11434/v1"}
                  tiny: {backend: gguf, path: ../shared/models/stories260K.gguf}
                  weakling: {backend: sim, profile: weak}
                """);

        assertThat(models).extracting(ModelOption::name).containsExactly("mine", "llama3.1", "tiny", "weakling");
        assertThat(models.getFirst()).isEqualTo(ModelOptionParser.parse("mine=openai:http://localhost:8080/v1,"
                + "api=completions,key-env=MY_KEY,concurrency=8,rpm=600,tpm=100000"));
        assertThat(models.get(3)).isEqualTo(ModelOptionParser.parse("weakling=sim:weak"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "models: {mine: {backend: openai, url: 'http://h/v1', colour: red}}" | models.yaml: models.mine: unknown key 'colour'; allowed for openai: backend, url, api
            "models: {mine: {backend: openai, api: chat}}"                       | models.yaml: models.mine: key 'url' is missing; give the API root, e.g. http://localhost:8000/v1
            "models: {mine: {url: 'http://h/v1'}}"                               | models.yaml: models.mine: key 'backend' is missing; use openai, gguf or sim
            "models: {mine: {backend: openai, url: 'http://h/v1', rpm: 0}}"      | models.yaml: models.mine: rpm must be a positive whole number, not '0'
            "models: {mine: {backend: openai, url: 'http://h/v1', rpm: }}"       | models.yaml: models.mine: key 'rpm' must have a single value
            "models: {mine: {backend: openai, url: [a, b]}}"                     | models.yaml: models.mine: key 'url' must have a single value
            "models: {mine: openai}"                                             | models.yaml: models.mine: expected the model's fields
            "models: {'bad name': {backend: sim}}"                               | 'bad name' is not a valid model name
            "model: {mine: {backend: sim}}"                                      | models.yaml: expected a 'models' key
            "models: {mine: {backend: sim}}\\nextra: 1"                          | models.yaml: unknown key 'extra'; the file holds only 'models'
            "models: {}"                                                         | models.yaml: 'models' must map each model name to its fields
            "models: {mine: {backend: sim}, mine: {backend: sim}}"               | models.yaml: not valid YAML: Duplicate field 'mine'
            "models: [mine"                                                      | models.yaml: not valid YAML
            ""                                                                   | models.yaml: expected a 'models' key
            """)
    void aBadFileIsOneLineNamingTheFileTheModelAndTheKey(String yaml, String message) {
        assertThatThrownBy(() -> ModelsFile.parse("models.yaml", yaml.replace("\\n", "\n")))
                .isInstanceOf(ModelOptionException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
