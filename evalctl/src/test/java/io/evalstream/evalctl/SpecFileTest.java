package io.evalstream.evalctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class SpecFileTest {

    private static final String YAML = """
            runId: nightly-1
            models: [sim-strong, sim-weak]
            benchmarks:
              - id: gsm8k
                limit: 20
              - id: mmlu
                variants: [default, terse]
            settings:
              maxTokens: 512
            """;

    @Test
    void aYamlSpecBecomesTheJsonBodyOfTheRequest() {
        SpecFile spec = SpecFile.parse("spec.yaml", YAML, null);
        assertThat(spec.runId()).isEqualTo("nightly-1");
        assertThat(spec.json()).startsWith("{\"runId\":\"nightly-1\",\"models\":[\"sim-strong\",\"sim-weak\"]")
                .contains("\"variants\":[\"default\",\"terse\"]").contains("\"maxTokens\":512");
    }

    @Test
    void runIdReplacesTheSpecsOwnSoOneFileServesManyRuns() {
        SpecFile spec = SpecFile.parse("spec.json", "{\"runId\":\"a\",\"models\":[\"m\"],\"benchmarks\":[{\"id\":\"gsm8k\"}]}",
                "nightly-2");
        assertThat(spec.runId()).isEqualTo("nightly-2");
        assertThat(spec.json()).contains("\"runId\":\"nightly-2\"").doesNotContain("\"a\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no models          | {"runId":"r","models":[],"benchmarks":[{"id":"gsm8k"}]}       | spec.json: invalid RunSpec: field 'models' must list at least one entry
            bad run id         | {"runId":"a b","models":["m"],"benchmarks":[{"id":"gsm8k"}]}  | field 'runId'
            truncated JSON     | {"runId":"r","models":["m"]                                   | spec.json: not valid JSON
            a list             | [1, 2]                                                          | spec.json: a run spec is an object
            YAML tab indent    | 'runId: r\n\tmodels: [m]'                                       | spec.json: not valid YAML
            blank              | '  '                                                            | spec.json: the file is empty
            """)
    void aBadSpecIsRefusedWithTheFileNameAndWhatToFix(String name, String text, String message) {
        assertThatThrownBy(() -> SpecFile.parse("spec.json", text.replace("\\n", "\n").replace("\\t", "\t"), null))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
