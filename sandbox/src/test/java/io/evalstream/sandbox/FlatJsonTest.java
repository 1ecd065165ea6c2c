package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FlatJsonTest {

    @Test
    void parsesStringFieldsWithEscapes() {
        Map<String, String> fields = FlatJson.parseObject(
                " {\"task_id\": \"HumanEval/0\", \"prompt\": \"def f():\\n\\t\\\"\\\"\\\"Doc \\u00e9\\\\ \\/\\\"\\\"\\\"\\n\"} ");

        assertThat(fields).containsExactly(Map.entry("task_id", "HumanEval/0"),
                Map.entry("prompt", "def f():\n\t\"\"\"Doc é\\ /\"\"\"\n"));
    }

    @Test
    void parsesAnEmptyObject() {
        assertThat(FlatJson.parseObject("{}")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            number value       | `{"a": 1}`
            nested object      | `{"a": {"b": "c"}}`
            unterminated       | `{"a": "b`
            missing colon      | `{"a" "b"}`
            trailing garbage   | `{"a": "b"} x`
            bad escape         | `{"a": "\\q"}`
            short unicode      | `{"a": "\\u12"}`
            not an object      | `["a"]`
            """)
    void rejectsWhatItDoesNotSupport(String name, String json) {
        assertThatThrownBy(() -> FlatJson.parseObject(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at offset");
    }
}
