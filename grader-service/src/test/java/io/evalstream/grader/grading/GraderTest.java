package io.evalstream.grader.grading;

import static io.evalstream.grader.Fixtures.failed;
import static io.evalstream.grader.Fixtures.ok;
import static io.evalstream.grader.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class GraderTest {

    private static final Instant GRADED_AT = Instant.parse("2025-03-01T12:00:01Z");

    @Test
    void recordsEveryFieldOfACorrectGrade() {
        PromptTask task = task("run-1", "gsm8k-0042", Extraction.NUMERIC, "1,234");
        Completion completion = ok(task, "She pays 1,000 + 234 = $1,234 in total. The answer is $1,234.");

        Grade grade = Grader.grade(completion, GRADED_AT);

        assertThat(grade).isEqualTo(new Grade(1, task.taskId(), Verdict.CORRECT, 1.0, "1234", "1,234",
                task.category(), "numeric@1", task.settingsHash(), 420, true, null, GRADED_AT));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} -> {3} {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "null", textBlock = """
            NUMERIC         | 18 | The answer is 18.            | CORRECT   | 18
            NUMERIC         | 18 | The answer is 17.            | INCORRECT | 17
            NUMERIC         | 18 | I could not work it out.     | NO_ANSWER | null
            MULTIPLE_CHOICE | B  | The answer is (B).           | CORRECT   | B
            MULTIPLE_CHOICE | B  | The answer is (A).           | INCORRECT | A
            MULTIPLE_CHOICE | B  | None of these look right.    | NO_ANSWER | null
            """)
    void gradesACompletionWithTheTasksGrader(Extraction extraction, String reference, String text, Verdict verdict,
            String extracted) {
        Grade grade = Grader.grade(ok(task("run-1", "item-1", extraction, reference), text), GRADED_AT);

        assertThat(grade.verdict()).isEqualTo(verdict);
        assertThat(grade.score()).isEqualTo(verdict == Verdict.CORRECT ? 1.0 : 0.0);
        assertThat(grade.extracted()).isEqualTo(extracted);
        assertThat(grade.grader()).isEqualTo(Grader.pipeline(extraction).name());
        assertThat(grade.errorKind()).isNull();
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void gradesAFailedModelCallAsAnErrorOfItsKind(ErrorKind kind) {
        PromptTask task = task("run-1", "mmlu-7", Extraction.MULTIPLE_CHOICE, "C");

        Grade grade = Grader.grade(failed(task, kind), GRADED_AT);

        assertThat(grade).isEqualTo(new Grade(1, task.taskId(), Verdict.ERROR, 0.0, null, "C", task.category(),
                "multiple_choice@1", task.settingsHash(), 30_000, false, kind, GRADED_AT));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            NUMERIC,         numeric@1
            MULTIPLE_CHOICE, multiple_choice@1
            """)
    void choosesTheGraderFromTheTasksExtraction(Extraction extraction, String grader) {
        assertThat(Grader.pipeline(extraction).name()).isEqualTo(grader);
        assertThat(Grader.names()).contains(grader);
    }

    @Test
    void hasAGraderForEveryExtraction() {
        assertThat(Grader.names()).hasSize(Extraction.values().length).doesNotHaveDuplicates();
    }

    @Test
    void refusesATaskWhoseReferenceItsGraderCannotRead() {
        Completion completion = ok(task("run-1", "item-1", Extraction.NUMERIC, "eighteen"), "The answer is 18.");

        assertThatThrownBy(() -> Grader.grade(completion, GRADED_AT))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("task.reference");
    }

    @Test
    void gradesAFailedCallWithoutReadingTheReference() {
        Completion completion = failed(task("run-1", "item-1", Extraction.NUMERIC, "eighteen"), ErrorKind.TIMEOUT);

        assertThat(Grader.grade(completion, GRADED_AT).verdict()).isEqualTo(Verdict.ERROR);
    }
}
