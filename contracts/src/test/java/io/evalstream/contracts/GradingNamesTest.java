package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 19: a task carries its headline's extraction and metric as registered names, so any registered pair may be
 * the headline, while a task written before (enum names on the wire) reads, writes and hashes as it did.
 */
@Timeout(10)
class GradingNamesTest {

    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);

    @ParameterizedTest
    @CsvSource(textBlock = """
            NUMERIC,          NUMERIC
            numeric,          NUMERIC
            '  Numeric ',     NUMERIC
            answer_line,      ANSWER_LINE
            last_number,      last_number
            LAST_NUMBER,      last_number
            final_answer,     final_answer
            x,                x
            """)
    void aBuiltInNameIsCarriedAsItsConstantAndAnyOtherInLowerCase(String given, String carried) {
        assertThat(GradingNames.extraction(given, "extraction")).isEqualTo(carried);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            '',                  must not be blank
            '   ',               must not be blank
            1st_number,          must be a registered name
            last-number,         must be a registered name
            last number,         must be a registered name
            numérique,           must be a registered name
            '{\"$ne\": 1}',      must be a registered name
            """)
    void aNameThatCannotBeRegisteredIsRefusedNamingTheField(String given, String message) {
        assertThatThrownBy(() -> GradingNames.metric(given, "scorers[0].metric"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("scorers[0].metric")
                .hasMessageContaining(message);
    }

    /** Results compare across releases by settings hash: these are the hashes the enum-typed tasks had. */
    @ParameterizedTest
    @CsvSource(textBlock = """
            NUMERIC,     NUMERIC_EQUAL,  13771f41943ca21f
            numeric,     numeric_equal,  13771f41943ca21f
            CODE,        CODE_EXECUTION, 7481c89a4e64a6a7
            answer_line, Alias_Match,    513e9be5376a12c9
            """)
    void theSettingsHashOfATaskWithBuiltInNamesIsTheOneItHadWhenTheyWereEnums(String extraction, String metric,
            String hash) {
        assertThat(SettingsHash.of(Samples.SETTINGS, extraction, metric, "default", "tmpl-0123", null))
                .isEqualTo(hash);
    }

    @Test
    void anAddedNameHashesApartFromEveryBuiltIn() {
        String added = SettingsHash.of(Samples.SETTINGS, "last_number", "numeric_equal", "default", "tmpl-0123", null);
        assertThat(added).isNotEqualTo("13771f41943ca21f")
                .isEqualTo(SettingsHash.of(Samples.SETTINGS, "LAST_NUMBER", "numeric_equal", "default", "tmpl-0123",
                        null));
    }

    @Test
    void aTaskWrittenWithLowerCaseBuiltInNamesReadsAndWritesAsTheGoldenTask() {
        byte[] golden = TASKS.encode(Samples.task());
        String lower = new String(golden, StandardCharsets.UTF_8).replace("\"NUMERIC\"", "\"numeric\"")
                .replace("\"NUMERIC_EQUAL\"", "\"numeric_equal\"");
        PromptTask read = ((Decoded.Valid<PromptTask>) TASKS.decode(lower.getBytes(StandardCharsets.UTF_8))).value();
        assertThat(read).isEqualTo(Samples.task());
        assertThat(TASKS.encode(read)).isEqualTo(golden);
    }

    @Test
    void aTaskMayCarryAnAddedHeadlineWrittenInLowerCase() {
        PromptTask task = added("numeric_equal");
        String json = new String(TASKS.encode(task), StandardCharsets.UTF_8);
        assertThat(json).contains("\"extraction\":\"last_number\"", "\"metric\":\"NUMERIC_EQUAL\"");
        assertThat(TASKS.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Decoded.Valid<>(task));
        assertThat(task.scorerList()).containsExactly(new Scorer(Scorer.DEFAULT, "last_number", "numeric_equal"));
        assertThat(task.kind()).isEqualTo(TaskKind.GENERATE);
        assertThat(List.of(task.byExecution(), task.byRubric(), task.byLikelihood())).containsOnly(false);
        assertThat(task.answerForm()).isEqualTo(Extraction.NUMERIC);
        assertThat(added("math_equivalence").answerForm()).isEqualTo(Extraction.BOXED);
        assertThat(added("token_f1").answerForm()).isEqualTo(Extraction.ANSWER_LINE);
    }

    @Test
    void anAddedExtractionMustNameItsMetricForOnlyBuiltInsHaveADefault() {
        assertThatThrownBy(() -> added(null)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("field 'metric' is required with extraction last_number");
    }

    @Test
    void theStructuralFactsOfATaskFollowFromItsBuiltInNames() {
        assertThat(Samples.codeTask().byExecution()).isTrue();
        assertThat(Samples.storyTask().byRubric()).isTrue();
        assertThat(Samples.choiceTask().byLikelihood()).isTrue();
        assertThat(Samples.choiceTask().kind()).isEqualTo(TaskKind.MULTIPLE_CHOICE);
        assertThat(Samples.task().answerForm()).isEqualTo(Extraction.NUMERIC);
    }

    private static PromptTask added(String metric) {
        PromptTask task = Samples.task();
        return PromptTask.of(task.taskId(), Purpose.EVAL, task.prompt(), new AnswerKey("last_number", metric,
                task.reference(), List.of(), null), TaskSetup.of(task.category(), task.settings(),
                task.settingsHash()));
    }
}
