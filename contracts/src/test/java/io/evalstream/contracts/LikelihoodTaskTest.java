package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A task scored by likelihood and its completion are checked on the wire with messages saying what to fix. */
class LikelihoodTaskTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            choices without LIKELIHOOD_ACC | BITS_PER_BYTE  | 0  | a;b   | field 'choices' must be given exactly when 'metric' is LIKELIHOOD_ACC
            no choices                     | LIKELIHOOD_ACC | 0  | null  | field 'choices' must be given exactly when 'metric' is LIKELIHOOD_ACC
            one choice                     | LIKELIHOOD_ACC | 0  | a     | must hold 2 to 26 continuations, got 1
            reference past the choices     | LIKELIHOOD_ACC | 2  | a;b   | the 0-based index of the right choice, 0 to 1, got '2'
            reference a letter             | LIKELIHOOD_ACC | B  | a;b   | the 0-based index of the right choice, 0 to 1, got 'B'
            """)
    void aBadTaskSaysWhatToFix(String what, Metric metric, String reference, String choices, String message) {
        assertThatThrownBy(() -> task(metric, reference, choices == null ? null : Arrays.asList(choices.split(";"))))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining(message);
    }

    @Test
    void aCompletionCarriesOneLogProbabilityPerChoiceAndTheKindFollowsTheMetric() {
        PromptTask task = task(Metric.LIKELIHOOD_ACC, "1", List.of(" a", " b", " c"));

        assertThat(task.kind()).isEqualTo(TaskKind.MULTIPLE_CHOICE);
        assertThat(task(Metric.BITS_PER_BYTE, "t", null).kind()).isEqualTo(TaskKind.PERPLEXITY);
        assertThatThrownBy(() -> Completion.answered(task, " b", ModelCall.now("sim", true, 1, 1, TokenUsage.NONE),
                List.of(new ContinuationScore(-1, 1, null))))
                .hasMessageContaining("field 'scores' must hold 3 log-probabilities for a MULTIPLE_CHOICE task, got 1");
        assertThatThrownBy(() -> new ContinuationScore(0.5, 1, null)).hasMessageContaining("<= 0");
        assertThat(Completion.failed(task, new ModelError(ErrorKind.UNSUPPORTED_TASK, "no"), "openai", 1, 1)
                .completedAt()).isBeforeOrEqualTo(Instant.now());
    }

    private static PromptTask task(Metric metric, String reference, List<String> choices) {
        return PromptTask.multipleChoice(TaskId.parse("r/m/b/i/default/0"), "Once upon a time",
                AnswerKey.of(Extraction.LIKELIHOOD, metric, reference, List.of(), null), TaskSetup.of(Category.WRITING,
                Settings.defaults(), "0123456789abcdef"), choices);
    }
}
