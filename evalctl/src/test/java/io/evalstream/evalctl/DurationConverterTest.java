package io.evalstream.evalctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

@Timeout(10)
class DurationConverterTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            500ms,   PT0.5S
            30s,     PT30S
            10m,     PT10M
            2h,      PT2H
            ' 5M ',  PT5M
            PT1M30S, PT1M30S
            0s,      PT0S
            """)
    void durationsAreReadAsPeopleTypeThem(String text, Duration expected) {
        assertThat(new DurationConverter().convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "5 minutes", "-1s", "1d", "1.5h"})
    void anythingElseIsRefusedWithExamples(String text) {
        assertThatThrownBy(() -> new DurationConverter().convert(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("30s, 10m, 2h");
    }
}
