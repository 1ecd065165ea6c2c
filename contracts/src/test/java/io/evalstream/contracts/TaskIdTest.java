package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class TaskIdTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            run-1/gpt-4o/gsm8k/17/default/0
            r/m/b/i/v/199
            demo-20261121-120000/sim-strong/mmlu/high_school_physics-3/default/4
            r:1/org@model+v2/math/a.b/cot_v1/0
            """)
    void parsesAndPrintsTheSameText(String text) {
        assertThat(TaskId.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            run-1/gpt-4o/gsm8k/17/default             ; must have 6 '/'-separated parts
            run-1/gpt-4o/gsm8k/17/default/0/extra     ; must have 6 '/'-separated parts
            run-1/gpt-4o/gsm8k/17/default/first       ; must end in a sample number
            run-1/gpt-4o/gsm8k/17/default/-1          ; 'taskId.sample' must be >= 0
            run 1/gpt-4o/gsm8k/17/default/0           ; 'taskId.runId' must be 1-128 characters
            run-1//gsm8k/17/default/0                 ; 'taskId.modelId' must be 1-128 characters
            -run/gpt-4o/gsm8k/17/default/0            ; starting with a letter or digit
            run-1/gpt-4o/gsm8k/İstanbul/default/0     ; 'taskId.itemId'
            ""                                        ; must have 6 '/'-separated parts
            """)
    void rejectsMalformedIdsWithAMessageThatSaysWhatToFix(String text, String message) {
        assertThatThrownBy(() -> TaskId.parse(text)).isInstanceOf(InvalidRecordException.class).hasMessageContaining(message);
    }

    @Test
    void groupsIntoTheScoreKeyOfItsRunModelAndBenchmark() {
        assertThat(TaskId.parse("r/m/b/i/v/3").scoreKey()).isEqualTo(new ScoreKey("r", "m", "b"));
        assertThat(ScoreKey.parse("r/m/b").toString()).isEqualTo("r/m/b");
    }
}
