package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class PromptTaskTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            NUMERIC,         NUMERIC_EQUAL
            MULTIPLE_CHOICE, EXACT_MATCH
            ANSWER_LINE,     EXACT_MATCH
            BOXED,           MATH_EQUIVALENCE
            """)
    void aTaskWithoutAMetricIsGradedByItsExtractionsDefault(Extraction extraction, Metric expected) {
        String json = new String(WireFormat.of(PromptTask.class).encode(Samples.task()), StandardCharsets.UTF_8)
                .replace("\"metric\":\"NUMERIC_EQUAL\",", "").replace("\"NUMERIC\"", "\"" + extraction + "\"");
        Decoded<PromptTask> decoded = WireFormat.of(PromptTask.class).decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Valid.class,
                valid -> assertThat(((PromptTask) valid.value()).metric()).isEqualTo(expected));
    }

    @Test
    void codeExecutionNeedsItsCodeCheckAndNothingElseMayCarryOne() {
        PromptTask code = Samples.codeTask();
        assertThatThrownBy(() -> new PromptTask(1, code.taskId(), Purpose.EVAL, code.prompt(), Extraction.CODE,
                Metric.CODE_EXECUTION, code.reference(), List.of(), null, Category.CODING, null, code.settings(),
                code.settingsHash())).hasMessageContaining("field 'code' must be given exactly when");
        assertThatThrownBy(() -> new PromptTask(1, code.taskId(), Purpose.EVAL, code.prompt(), Extraction.NUMERIC,
                Metric.NUMERIC_EQUAL, "4", List.of(), code.code(), Category.MATH, null, code.settings(),
                code.settingsHash())).hasMessageContaining("field 'code' must be given exactly when");
        assertThatThrownBy(() -> new PromptTask(1, code.taskId(), Purpose.EVAL, code.prompt(), Extraction.ANSWER_LINE,
                Metric.CODE_EXECUTION, "x", List.of(), code.code(), Category.CODING, null, code.settings(),
                code.settingsHash())).hasMessageContaining("extraction CODE goes with metric CODE_EXECUTION");
    }

    @Test
    void anEntryPointMustBeAnIdentifierSoItCannotInjectCode() {
        assertThatThrownBy(() -> new CodeCheck("", "def check(c): pass", "f); import os; os.system('x'"))
                .hasMessageContaining("field 'code.entryPoint' must be a Python identifier");
    }

    @Test
    void acceptedAnswersAreTheReferenceThenItsAliases() {
        assertThat(Samples.subsetTask().acceptedAnswers()).containsExactly("Mars", "planet Mars", "Mars (planet)");
        assertThat(Samples.task().acceptedAnswers()).containsExactly("4");
    }

    @Test
    void aBlankAliasIsRejectedNamingItsIndex() {
        PromptTask task = Samples.subsetTask();
        assertThatThrownBy(() -> new PromptTask(1, task.taskId(), Purpose.EVAL, task.prompt(), task.extraction(),
                task.metric(), task.reference(), List.of("ok", " "), null, task.category(), task.subset(),
                task.settings(), task.settingsHash())).hasMessageContaining("aliases[1]");
    }

    @Test
    void aCorrectVerdictScoresOneAndAPartialScoreIsIncorrect() {
        Grade grade = Samples.grade();
        assertThatThrownBy(() -> new Grade(1, grade.taskId(), Verdict.CORRECT, 0.5, "x", "y", Category.MATH, "g", "h",
                0, false, null, grade.gradedAt())).hasMessageContaining("score");
        assertThat(new Grade(1, grade.taskId(), Verdict.INCORRECT, 0.5, "x", "y", Category.MATH, "g", "h", 0, false,
                null, grade.gradedAt()).score()).isEqualTo(0.5);
    }

    @Test
    void aBenchmarkSelectionListingAVariantTwiceIsRejected() {
        assertThatThrownBy(() -> new BenchmarkSelection("mmlu", null, List.of("a", "a"), null))
                .hasMessageContaining("lists 'a' twice");
    }
}
