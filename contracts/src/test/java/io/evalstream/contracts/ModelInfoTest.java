package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Model metadata in a run spec: optional, checked field by field, and only for models the spec lists. */
@Timeout(10)
class ModelInfoTest {

    private static final List<BenchmarkSelection> GSM8K = List.of(new BenchmarkSelection("gsm8k", null));

    @Test
    void aSpecWithoutModelInfoReadsAsEmptyAndWritesNoField() {
        RunSpec spec = decode("{\"runId\":\"r\",\"models\":[\"m\"],\"benchmarks\":[{\"id\":\"gsm8k\"}]}");
        assertThat(spec.modelInfo()).isEmpty();
        assertThat(new String(WireFormat.of(RunSpec.class).encode(spec), StandardCharsets.UTF_8))
                .doesNotContain("modelInfo");
    }

    @Test
    void modelInfoInJsonReadsWithOptionalFieldsLeftNull() {
        RunSpec spec = decode("""
                {"runId":"r","models":["llama-7b","llama-13b"],"benchmarks":[{"id":"gsm8k"}],
                 "modelInfo":{"llama-7b":{"family":"llama","parameters":7.0e9,"trainingFlops":1.2e23},
                              "llama-13b":{"family":"llama"}}}""");
        assertThat(spec.modelInfo()).containsExactly(
                Map.entry("llama-13b", new ModelInfo("llama", null, null)),
                Map.entry("llama-7b", new ModelInfo("llama", 7.0e9, 1.2e23)));
    }

    @Test
    void modelInfoForAModelTheSpecDoesNotListIsRejectedNamingIt() {
        assertThatThrownBy(() -> new RunSpec("r", List.of("llama-7b"), GSM8K, null, 1)
                .withModelInfo(Map.of("llama-70b", new ModelInfo("llama", 7.0e10, null))))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("'llama-70b'").hasMessageContaining("add it to 'models'");
    }

    @Test
    void aNullEntryIsRejectedNamingTheModel() {
        java.util.HashMap<String, ModelInfo> info = new java.util.HashMap<>();
        info.put("m", null);
        assertThatThrownBy(() -> new RunSpec("r", List.of("m"), GSM8K, null, 1).withModelInfo(info))
                .hasMessageContaining("modelInfo.m");
    }

    @ParameterizedTest(name = "family={0} parameters={1} flops={2}")
    @CsvSource(textBlock = """
            ,       7e9,   1e23,  modelInfo.family
            '',     7e9,   1e23,  modelInfo.family
            'a b',  7e9,   1e23,  modelInfo.family
            llama,  0,     1e23,  modelInfo.parameters
            llama,  -7e9,  1e23,  modelInfo.parameters
            llama,  NaN,   1e23,  modelInfo.parameters
            llama,  7e9,   0,     modelInfo.trainingFlops
            llama,  7e9,   Infinity, modelInfo.trainingFlops
            """)
    void badModelInfoIsRejectedNamingTheField(String family, Double parameters, Double flops, String field) {
        assertThatThrownBy(() -> new ModelInfo(family, parameters, flops))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining(field);
    }

    @Test
    void theShortConstructorAndTheJsonFormDefaultTheSame() {
        assertThat(new RunSpec("r", List.of("m"), GSM8K, null, 1).modelInfo()).isEmpty();
        assertThat(decode("{\"runId\":\"r\",\"models\":[\"m\"],\"benchmarks\":[{\"id\":\"gsm8k\"}]}"))
                .isEqualTo(new RunSpec("r", List.of("m"), GSM8K, SettingsOverrides.NONE, 1));
    }

    @Test
    void eachWithMethodChangesItsPartAlone() {
        RunSpec plain = new RunSpec("r", List.of("m", "n"), GSM8K, null, 2);
        StopRule stop = new StopRule(List.of("m", "n"), StopRule.When.EITHER, 0.05, 0.05);
        Map<String, ModelInfo> info = Map.of("m", new ModelInfo("llama", 7.0e9, null));

        RunSpec full = plain.withModelInfo(info).withStop(stop);

        assertThat(full.modelInfo()).isEqualTo(info);
        assertThat(full.stop()).isEqualTo(stop);
        assertThat(full.budget()).isNull();
        assertThat(full.withModelInfo(null).withStop(null)).isEqualTo(plain);
        assertThatThrownBy(() -> plain.withModelInfo(Map.of("x", new ModelInfo("llama", null, null))))
                .hasMessageContaining("'x'");
    }

    private static RunSpec decode(String json) {
        Decoded<RunSpec> decoded = WireFormat.of(RunSpec.class).decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded).isInstanceOf(Decoded.Valid.class);
        return ((Decoded.Valid<RunSpec>) decoded).value();
    }
}
