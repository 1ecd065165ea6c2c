package io.evalstream.benchmarks.grading;

import static io.evalstream.benchmarks.grading.NumericAnswersTest.unescape;
import static io.evalstream.grader.Fixtures.codeTask;
import static io.evalstream.grader.Fixtures.failed;
import static io.evalstream.grader.Fixtures.ok;
import static io.evalstream.grader.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.benchmarks.grading.ProgramRunner.ProgramRun;
import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.CodeCheck;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.Exchange;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.Marking;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Scorer;
import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.ScorerVerdicts;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class GraderTest {

    private static final Instant GRADED_AT = Instant.parse("2025-03-01T12:00:01Z");
    private static final CodeCheck ADD = new CodeCheck("def add(a, b):\n    \"\"\"Adds a and b.\"\"\"\n",
            "def check(candidate):\n    assert candidate(2, 3) == 5\n", "add");

    private static final List<Scorer> GSM8K_SCORERS = List.of(new Scorer("flexible", "numeric", "numeric_equal"),
            new Scorer("strict", "answer_is", "numeric_equal"));

    /** Issue 19: every scorer's verdict on the one grade, the headline's as the grade's own. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            stated       | 9 * 2 = 18. The answer is 18. | CORRECT   | CORRECT   | 18
            not stated   | 9 * 2 = 18                    | CORRECT   | NO_ANSWER | 
            stated wrong | 9 * 2 = 18. The answer is 16. | INCORRECT | INCORRECT | 16
            """)
    void gradesEveryScorerOfTheTaskWithTheHeadlineFirst(String what, String text, Verdict flexible, Verdict strict,
            String strictAnswer) {
        PromptTask task = task("run-1", "item-1", Extraction.NUMERIC, "18").withScorers(GSM8K_SCORERS);

        Grade grade = Grader.grade(ok(task, text), GRADED_AT);

        assertThat(grade.verdict()).isEqualTo(flexible);
        assertThat(grade.context().grader()).isEqualTo("numeric/numeric_equal@1");
        assertThat(grade.scorers().scorersFingerprint()).isEqualTo(Scorer.fingerprint(GSM8K_SCORERS)).hasSize(16)
                .isNotEqualTo(Scorer.fingerprint(GSM8K_SCORERS.reversed()));
        assertThat(grade.scorerVerdicts()).extracting(ScorerVerdict::scorer, ScorerVerdict::verdict,
                ScorerVerdict::extracted).containsExactly(tuple("flexible", flexible, grade.marking().extracted()),
                tuple("strict", strict, strictAnswer));
    }

    @Test
    void aFailedCallIsAnErrorForEveryScorerAndATaskWithOneScorerListsNone() {
        PromptTask task = task("run-1", "item-1", Extraction.NUMERIC, "18");

        assertThat(Grader.grade(failed(task.withScorers(GSM8K_SCORERS), ErrorKind.TIMEOUT), GRADED_AT).scorers().scores())
                .extracting(ScorerVerdict::verdict).containsExactly(Verdict.ERROR, Verdict.ERROR);
        assertThat(Grader.grade(ok(task, "The answer is 18."), GRADED_AT).scorers().scores()).isNull();
    }

    @Test
    void recordsEveryFieldOfACorrectGrade() {
        Subset subset = new Subset("elementary_mathematics", "stem");
        PromptTask task = task("run-1", "gsm8k-0042", Extraction.NUMERIC, Metric.NUMERIC_EQUAL, "1,234", List.of(),
                subset);
        Completion completion = ok(task, "She pays 1,000 + 234 = $1,234 in total. The answer is $1,234.");

        Grade grade = Grader.grade(completion, GRADED_AT);

        assertThat(grade).isEqualTo(new Grade(1, task.taskId(), new Marking(Verdict.CORRECT, 1.0, "1234", "1,234"),
                new GradeContext(task.category(), subset, "numeric/numeric_equal@1", task.settingsHash(), GRADED_AT),
                new CallFacts(420, true, completion.usage(), null), Evidence.NONE,
                Exchange.copied(task.prompt(), "She pays 1,000 + 234 = $1,234 in total. The answer is $1,234."),
                ScorerVerdicts.NONE));
    }

    /** Every grader with a right, a wrong and a missing answer; \n stands for a newline. */
    @ParameterizedTest(name = "[{index}] {0}/{1} {2} <- {3} -> {4} {5}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "null", textBlock = """
            NUMERIC         | NUMERIC_EQUAL    | 18          | The answer is 18.                        | CORRECT   | 1.0  | 18
            NUMERIC         | NUMERIC_EQUAL    | 18          | The answer is 17.                        | INCORRECT | 0.0  | 17
            NUMERIC         | NUMERIC_EQUAL    | 18          | I could not work it out.                 | NO_ANSWER | 0.0  | null
            NUMERIC         | EXACT_MATCH      | 1,234       | The answer is $1,234.                    | CORRECT   | 1.0  | 1234
            NUMERIC         | EXACT_MATCH      | -5          | The answer is 5.                         | INCORRECT | 0.0  | 5
            NUMERIC         | TOKEN_F1         | 3.5         | The answer is 3.5                        | CORRECT   | 1.0  | 3.5
            NUMERIC         | ALIAS_MATCH      | 1984        | It was published in 1948.                | INCORRECT | 0.0  | 1948
            NUMERIC         | MATH_EQUIVALENCE | 0.5         | The answer is .50                        | CORRECT   | 1.0  | .50
            MULTIPLE_CHOICE | EXACT_MATCH      | B           | The answer is (B).                       | CORRECT   | 1.0  | B
            MULTIPLE_CHOICE | EXACT_MATCH      | A           | The answer is (A).                       | CORRECT   | 1.0  | A
            MULTIPLE_CHOICE | EXACT_MATCH      | A           | The answer is (B).                       | INCORRECT | 0.0  | B
            MULTIPLE_CHOICE | EXACT_MATCH      | A           | (A)                                      | CORRECT   | 1.0  | A
            MULTIPLE_CHOICE | EXACT_MATCH      | A           | (B)                                      | INCORRECT | 0.0  | B
            MULTIPLE_CHOICE | EXACT_MATCH      | B           | None of these look right.                | NO_ANSWER | 0.0  | null
            BOXED           | MATH_EQUIVALENCE | \\frac{1}{2} | so $x = \\boxed{\\dfrac12}$.               | CORRECT   | 1.0  | \\dfrac12
            BOXED           | MATH_EQUIVALENCE | \\frac{1}{2} | so $x = \\boxed{\\frac13}$.                | INCORRECT | 0.0  | \\frac13
            BOXED           | MATH_EQUIVALENCE | \\frac{1}{2} | so $x = \\boxed{\\frac13                  | NO_ANSWER | 0.0  | null
            BOXED           | NUMERIC_EQUAL    | 1000        | The total is $\\boxed{\\$1,000}$.          | CORRECT   | 1.0  | 1000
            BOXED           | NUMERIC_EQUAL    | 1000        | The total is $\\boxed{1{,}000}$.         | CORRECT   | 1.0  | 1000
            BOXED           | NUMERIC_EQUAL    | 1000        | The total is $\\boxed{\\frac{1}{2}}$.      | NO_ANSWER | 0.0  | null
            BOXED           | EXACT_MATCH      | Saturday    | It falls on \\boxed{\\text{Saturday}}.     | CORRECT   | 1.0  | saturday
            BOXED           | EXACT_MATCH      | Saturday    | It falls on $\\boxed{\\textbf{Sunday}}$.   | INCORRECT | 0.0  | sunday
            BOXED           | EXACT_MATCH      | Saturday    | Final Answer: The final answer is Saturday. | CORRECT | 1.0 | saturday
            BOXED           | TOKEN_F1         | 3 apples    | \\boxed{3}                                | INCORRECT | 0.67 | 3
            BOXED           | ALIAS_MATCH      | Paris       | \\boxed{Paris, France}                    | CORRECT   | 1.0  | paris france
            ANSWER_LINE     | EXACT_MATCH      | the Nile    | Answer: Nile.                            | CORRECT   | 1.0  | nile
            ANSWER_LINE     | TOKEN_F1         | 3           | The answer is 3 touchdowns.              | INCORRECT | 0.67 | 3 touchdowns
            ANSWER_LINE     | TOKEN_F1         | 3           | The answer is 4 touchdowns.              | INCORRECT | 0.0  | 4 touchdowns
            ANSWER_LINE     | ALIAS_MATCH      | Tchaikovsky | Tchaikovski\\n\\nPassage: ...            | CORRECT   | 1.0  | tchaikovski
            ANSWER_LINE     | NUMERIC_EQUAL    | 12          | The answer is 12 eggs.                   | CORRECT   | 1.0  | 12
            ANSWER_LINE     | NUMERIC_EQUAL    | 12          | The answer is between 10 and 14.         | NO_ANSWER | 0.0  | null
            ANSWER_LINE     | MATH_EQUIVALENCE | \\sqrt{2}    | The answer is $\\sqrt2$.                  | CORRECT   | 1.0  | \\sqrt2
            ANSWER_LINE     | EXACT_MATCH      | Paris       | "   "                                    | NO_ANSWER | 0.0  | null
            """)
    void gradesACompletionWithTheGraderOfItsExtractionAndMetric(Extraction extraction, Metric metric,
            String reference, String text, Verdict verdict, double score, String extracted) {
        PromptTask task = task("run-1", "item-1", extraction, metric, reference, List.of(), null);

        Grade grade = Grader.grade(ok(task, unescape(text)), GRADED_AT);

        assertThat(grade.verdict()).isEqualTo(verdict);
        assertThat(grade.marking().score()).isCloseTo(score, within(0.01));
        assertThat(grade.marking().extracted()).isEqualTo(extracted);
        assertThat(grade.context().grader()).isEqualTo(Grader.pipeline(extraction, metric).name());
        assertThat(grade.evidence().errorKind()).isNull();
        // A missing answer says what was missing, for an audit; other grades need no explaining.
        assertThat(grade.evidence().detail() != null).isEqualTo(verdict == Verdict.NO_ANSWER);
    }

    @Test
    void saysWhatWasMissingWhenThereIsNoAnswer() {
        Grade none = Grader.grade(ok(task("run-1", "gsm8k-1", Extraction.NUMERIC, "18"), "I could not work it out."),
                GRADED_AT);
        Grade twoNumbers = Grader.grade(ok(task("run-1", "drop-1", Extraction.ANSWER_LINE, Metric.NUMERIC_EQUAL,
                "12", List.of(), null), "The answer is between 10 and 14."), GRADED_AT);

        assertThat(none.evidence().detail()).isEqualTo("no number in the completion");
        assertThat(twoNumbers.evidence().detail()).isEqualTo("more than one number in the answer");
    }

    @Test
    void refusesToGradeARubricTaskWithoutAJudge() {
        Completion story = ok(io.evalstream.grader.Fixtures.storyTask("run-1", "s01", "Once upon a time, Max",
                "auto"), " ran.");

        assertThatThrownBy(() -> Grader.grade(story, GRADED_AT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rubric tasks are graded by a judge");
    }

    @Test
    void scoresTheBestOfTheReferenceAndItsAliases() {
        PromptTask drop = task("run-1", "drop-1", Extraction.ANSWER_LINE, Metric.TOKEN_F1, "three",
                List.of("3 touchdowns", "3"), null);
        PromptTask trivia = task("run-1", "tqa-1", Extraction.ANSWER_LINE, Metric.ALIAS_MATCH, "John F. Kennedy",
                List.of("JFK", "Kennedy"), null);

        Grade partial = Grader.grade(ok(drop, "The answer is 3 touchdowns and a field goal."), GRADED_AT);
        Grade alias = Grader.grade(ok(trivia, "JFK.\n\nQuestion: Who ..."), GRADED_AT);

        assertThat(partial.verdict()).isEqualTo(Verdict.INCORRECT);
        // "3 touchdowns and field goal" against "3 touchdowns": precision 2/5, recall 1, F1 4/7.
        assertThat(partial.marking().score()).isCloseTo(4.0 / 7, within(1e-9));
        assertThat(alias.verdict()).isEqualTo(Verdict.CORRECT);
        assertThat(alias.marking().reference()).isEqualTo("John F. Kennedy");
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void gradesAFailedModelCallAsAnErrorOfItsKindWithItsMessage(ErrorKind kind) {
        PromptTask task = task("run-1", "mmlu-7", Extraction.MULTIPLE_CHOICE, Metric.EXACT_MATCH, "C", List.of(),
                new Subset("anatomy", "other"));

        Completion completion = failed(task, kind);

        Grade grade = Grader.grade(completion, GRADED_AT);

        assertThat(grade).isEqualTo(Grade.of(task.taskId(), Marking.error("C"),
                GradeContext.of(task, "multiple_choice/exact_match@1", GRADED_AT), CallFacts.of(30_000, false),
                Evidence.error(kind, "no answer after 3 attempts")).recording(completion));
        assertThat(grade.exchange().prompt()).as("recorded for audits").isEqualTo(task.prompt());
        assertThat(grade.exchange().completion()).isNull();
    }

    @Test
    void namesEveryGraderByExtractionMetricAndVersion() {
        List<String> expected = new ArrayList<>(List.of("multiple_choice/exact_match@1", "code/code_execution@1",
                "likelihood/likelihood_acc@1", "likelihood/bits_per_byte@1"));
        for (String extraction : List.of("numeric", "boxed", "answer_line", "answer_is", "final_answer",
                "last_number")) {
            for (String metric : List.of("exact_match", "numeric_equal", "token_f1", "alias_match",
                    "math_equivalence")) {
                expected.add(extraction + "/" + metric + "@1");
            }
        }

        assertThat(Grader.names()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Grader.pipeline(Extraction.BOXED, Metric.MATH_EQUIVALENCE).name())
                .isEqualTo("boxed/math_equivalence@1");
        assertThat(Grader.CODE_GRADER).isEqualTo("code/code_execution@1");
    }

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"NUMERIC_EQUAL", "TOKEN_F1", "ALIAS_MATCH", "MATH_EQUIVALENCE"})
    void refusesOptionLettersGradedByAnyMetricButExactMatch(Metric metric) {
        Completion completion = ok(task("run-1", "mmlu-1", Extraction.MULTIPLE_CHOICE, metric, "A", List.of(), null),
                "The answer is (A).");

        assertThatThrownBy(() -> Grader.grade(completion, GRADED_AT))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("extraction multiple_choice cannot be scored by metric "
                        + metric.name().toLowerCase(java.util.Locale.ROOT) + "; it goes with exact_match");
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            NUMERIC_EQUAL    | abc | 18     | task.reference | 'abc' is not a plain decimal number such as 18, -3.5 or 1,000
            NUMERIC_EQUAL    | 18  | twelve | task.aliases[0] | 'twelve' is not a plain decimal number such as 18, -3.5 or 1,000
            MATH_EQUIVALENCE | 18  | $$     | task.aliases[0] | a blank answer
            """)
    void refusesATaskWhoseReferenceOrAliasItsMetricCannotRead(Metric metric, String reference, String alias,
            String field, String reason) {
        Completion completion = ok(task("run-1", "item-1", Extraction.ANSWER_LINE, metric, reference, List.of(alias),
                null), "The answer is 18.");

        assertThatThrownBy(() -> Grader.grade(completion, GRADED_AT))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("field '" + field + "' cannot be graded by "
                        + ScorerRegistry.graderName("answer_line", metric.name()) + ": " + reason);
    }

    @Test
    void gradesAFailedCallWithoutReadingTheReference() {
        Completion completion = failed(task("run-1", "item-1", Extraction.NUMERIC, "eighteen"), ErrorKind.TIMEOUT);

        assertThat(Grader.grade(completion, GRADED_AT).verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void refusesToGradeCodeWithoutRunningIt() {
        Completion completion = ok(codeTask("run-1", "HumanEval-0", ADD), "    return a + b\n");

        assertThatThrownBy(() -> Grader.grade(completion, GRADED_AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("code tasks are graded by execution; use Grader.gradeCode");
    }

    @ParameterizedTest(name = "[{index}] passes={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "    return a + b\\n"                                       | true  | CORRECT
            "    return a - b\\n"                                       | false | INCORRECT
            "```python\\ndef add(a, b):\\n    return a + b\\n```"       | true  | CORRECT
            """)
    void gradesCodeByWhatTheRunnerSaysOfItsProgram(String text, boolean passes, Verdict verdict) {
        Completion completion = ok(codeTask("run-1", "HumanEval-0", ADD), unescape(text));
        List<String> programs = new ArrayList<>();

        Grade grade = Grader.gradeCode(completion, program -> programs.add(program) && passes ? ProgramRun.pass()
                : ProgramRun.fail("exit 1: AssertionError"), GRADED_AT);

        assertThat(grade.verdict()).isEqualTo(verdict);
        assertThat(grade.marking().score()).isEqualTo(passes ? 1.0 : 0.0);
        assertThat(grade.context().grader()).isEqualTo("code/code_execution@1");
        assertThat(grade.marking().extracted()).contains("return a");
        assertThat(grade.evidence().detail()).isEqualTo(passes ? null : "exit 1: AssertionError");
        // The harness around exactly the extracted code (HarnessAttackTest runs it for real).
        assertThat(programs).containsExactly(CodePrograms.humanEval(ADD, grade.marking().extracted()));
    }

    @Test
    void gradesCodeThatIsNotThereOrNeverCameWithoutRunningAnything() {
        PromptTask task = codeTask("run-1", "HumanEval-0", ADD);
        ProgramRunner mustNotRun = program -> {
            throw new AssertionError("ran " + program);
        };

        Grade empty = Grader.gradeCode(ok(task, "```python\n```\n"), mustNotRun, GRADED_AT);
        Grade failedCall = Grader.gradeCode(failed(task, ErrorKind.TIMEOUT), mustNotRun, GRADED_AT);

        assertThat(empty.verdict()).isEqualTo(Verdict.NO_ANSWER);
        assertThat(empty.evidence().detail()).isEqualTo("no code in the completion");
        assertThat(failedCall.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(failedCall.evidence().errorKind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void gradesCodeTheSandboxCannotRunUngradableWithTheReason() {
        PromptTask task = codeTask("run-1", "HumanEval-0", ADD);

        Grade grade = Grader.ungradableCode(ok(task, "```python\nreturn a + b\n```"),
                "code sandbox unavailable: bwrap not found at /nowhere/bwrap", GRADED_AT);

        assertThat(grade.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(grade.marking().score()).isZero();
        assertThat(grade.evidence().errorKind()).isEqualTo(ErrorKind.UNGRADABLE);
        assertThat(grade.evidence().detail()).isEqualTo("code sandbox unavailable: bwrap not found at /nowhere/bwrap");
        assertThat(grade.context().grader()).isEqualTo(Grader.CODE_GRADER);
        assertThat(grade.taskId()).isEqualTo(task.taskId());
    }

    @Test
    void refusesToRunATextTask() {
        Completion completion = ok(task("run-1", "item-1", Extraction.NUMERIC, "18"), "18");

        assertThatThrownBy(() -> Grader.gradeCode(completion, program -> ProgramRun.pass(), GRADED_AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not by execution");
    }
}
