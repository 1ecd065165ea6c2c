package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ModelOptionParserTest {

    private static final String M = "evalstream.worker.models.";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            llama3=openai:http://localhost:11434/v1 | backend=openai; openai.api=chat; openai.base-url=http://localhost:11434/v1
            vllm=openai:http://localhost:8000/v1/,api=completions,model=meta-llama/Llama-3.1-8B | backend=openai; openai.api=completions; openai.base-url=http://localhost:8000/v1; openai.model=meta-llama/Llama-3.1-8B
            gpt=openai:https://api.openai.com/v1,key-env=OPENAI_API_KEY,rpm=500,tpm=200000 | backend=openai; limits.requests-per-minute=500; limits.tokens-per-minute=200000; openai.api=chat; openai.api-key=${OPENAI_API_KEY}; openai.base-url=https://api.openai.com/v1
            mine=openai:http://127.0.0.1:9/v1,key-file=/run/secrets/key,concurrency=8 | backend=openai; limits.max-concurrency=8; openai.api=chat; openai.api-key-file=/run/secrets/key; openai.base-url=http://127.0.0.1:9/v1
            tiny=gguf:/models/stories260K.gguf,concurrency=1 | backend=gguf; gguf.path=/models/stories260K.gguf; limits.max-concurrency=1
            weakling=sim:weak                             | backend=sim; sim.profile=weak
            flaky-one=sim:flaky,rpm=60                    | backend=sim; limits.requests-per-minute=60; sim.profile=flaky
            """)
    void aModelOptionBecomesTheWorkerPropertiesThatServeIt(String option, String expected) {
        ModelOption model = ModelOptionParser.parse(option);
        String prefix = M + model.name() + ".";
        String properties = new TreeMap<>(model.workerProperties()).entrySet().stream()
                .map(e -> e.getKey().substring(prefix.length()) + "=" + e.getValue()).collect(Collectors.joining("; "));
        assertThat(properties).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            llama3                                         | --model llama3: expected NAME=BACKEND:TARGET
            =openai:http://x/v1                            | expected NAME=BACKEND:TARGET
            mine=http://localhost:8000/v1                  | --model mine: unknown backend 'http'; use openai:URL, gguf:PATH or sim:PROFILE
            mine=ollama:http://localhost:11434/v1          | unknown backend 'ollama'
            mine=openai:                                   | option 'url' is missing; give the API root
            mine=openai:localhost:8000/v1                  | url 'localhost:8000/v1' must be an http or https URL with a host
            mine=openai:ftp://host/v1                      | must be an http or https URL
            mine=openai:http://bad host/v1                 | url is not a URL
            mine=openai:https://me:sk-secret@host/v1       | url must not carry credentials (user:password@)
            mine=openai:https://host/v1?api-key=sk-secret  | url must be the API root without ?query
            mine=openai:http://h/v1,colour=red             | unknown option 'colour'; allowed for openai: api, model, key-env, key-file, concurrency, rpm, tpm
            mine=openai:http://h/v1,api=embeddings         | api must be chat or completions, not 'embeddings'
            mine=openai:http://h/v1,key-env=MY KEY         | key-env must name an environment variable
            mine=openai:http://h/v1,key-env=${MY_KEY}      | key-env must name an environment variable
            mine=openai:http://h/v1,key-env=A,key-file=/k  | give key-env or key-file, not both
            mine=openai:http://h/v1,key-file=              | key-file is empty
            mine=openai:http://h/v1,model=                 | model is empty
            mine=openai:http://h/v1,rpm=0                  | rpm must be a positive whole number, not '0'
            mine=openai:http://h/v1,tpm=-5                 | tpm must be a positive whole number, not '-5'
            mine=openai:http://h/v1,concurrency=eight      | concurrency must be a positive whole number, not 'eight'
            mine=openai:http://h/v1,concurrency=3000000000 | concurrency must be a positive whole number
            mine=openai:http://h/v1,rpm=1,rpm=2            | option 'rpm' is given twice
            mine=openai:http://h/v1,rpm                    | option 'rpm' is not OPTION=VALUE
            mine=openai:http://h/v1,url=http://other/v1    | option 'url' is given twice
            mine=gguf:/m.gguf,api=chat                     | unknown option 'api'; allowed for gguf: concurrency, rpm, tpm
            mine=gguf:                                     | option 'path' is missing; give the GGUF file
            mine=sim:genius                                | unknown sim profile 'genius'; use one of default, strong, medium, weak, flaky, slow
            my model=sim:weak                              | --model my model: 'my model' is not a valid model name
            -mine=sim:weak                                 | '-mine' is not a valid model name
            """)
    void aBadModelOptionIsOneLineNamingTheFieldAndNeverTheSecret(String option, String message) {
        assertThatThrownBy(() -> ModelOptionParser.parse(option)).isInstanceOf(ModelOptionException.class)
                .hasMessageContaining(message).hasMessageNotContaining("sk-secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            llama3.1=openai:http://localhost:11434/v1 | evalstream.worker.models."llama3.1".backend
            org:model@v2=sim:strong                   | evalstream.worker.models.org:model@v2.backend
            """)
    void aNameWithADotIsQuotedSoTheWorkerReadsItAsOneModel(String option, String backendKey) {
        assertThat(ModelOptionParser.parse(option).workerProperties()).containsKey(backendKey);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            gpt=openai:https://api.openai.com/v1,key-env=OPENAI_API_KEY,rpm=500 | REAL | openai chat https://api.openai.com/v1, key from $OPENAI_API_KEY, 500 rpm
            local=openai:http://localhost:8080/v1,api=completions,concurrency=4 | REAL | openai completions http://localhost:8080/v1, no key, at most 4 in flight
            keyed=openai:http://h/v1,key-file=/run/secrets/k,model=org/m       | REAL | openai chat http://h/v1 as 'org/m', key from file /run/secrets/k
            tiny=gguf:/models/stories260K.gguf                                  | REAL | gguf /models/stories260K.gguf, run in-process by llama.cpp in every worker
            weakling=sim:weak                                                   | SIMULATED | sim profile 'weak', no model is called
            """)
    void aModelIsDescribedWithItsKindBackendAndWhereItsKeyComesFrom(String option, String kind, String description) {
        ModelOption model = ModelOptionParser.parse(option);
        assertThat(model.kind()).isEqualTo(kind);
        assertThat(model.describe()).isEqualTo(description);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            backend=openai,url=http://h/v1,api=completions,key-env=K,rpm=60 | openai completions http://h/v1, key from $K, 60 rpm
            backend=sim                                                     | sim profile 'default', no model is called
            """)
    void theFieldsOfAModelsFileEntryMeanWhatTheOptionsMean(String fields, String description) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String field : fields.split(",")) {
            map.put(field.substring(0, field.indexOf('=')), field.substring(field.indexOf('=') + 1));
        }
        assertThat(ModelOptionParser.fromFields("m", map, "f: models.m", "key").describe()).isEqualTo(description);
    }
}
