package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class RequireTest {

    @ParameterizedTest(name = "''{0}'' is an id: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            gsm8k                       | true
            high_school_biology-3       | true
            org@model+v2:latest.q8_0    | true
            A                           | true
            9                           | true
            ""                          | false
            -leading-dash               | false
            _leading_underscore         | false
            .hidden                     | false
            with space                  | false
            with/slash                  | false
            İstanbul                    | false
            ünïcödé                     | false
            tab\tinside                 | false
            """)
    void theIdCheckAgreesWithTheDocumentedPattern(String value, boolean expected) {
        assertThat(Require.isId(value)).isEqualTo(expected).isEqualTo(Require.ID.matcher(value).matches());
    }

    @ParameterizedTest(name = "length {0}")
    @CsvSource({"127, true", "128, true", "129, false"})
    void idsAreAtMost128Characters(int length, boolean expected) {
        String value = "a".repeat(length);
        assertThat(Require.isId(value)).isEqualTo(expected).isEqualTo(Require.ID.matcher(value).matches());
    }
}
