package io.evalstream.benchmarks.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ScorerRegistryTest {

    private static final GradingPipeline FLEXIBLE = ScorerRegistry.pipeline("numeric", "numeric_equal");
    private static final GradingPipeline STRICT = ScorerRegistry.pipeline("answer_is", "numeric_equal");

    /** GSM8K's two filters on answers of good and bad shape; the reference is 18 throughout. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            stated and right                   | 16 - 3 - 4 = 9 eggs, 9 * 2 = 18. The answer is 18.     | CORRECT   | CORRECT
            stated with a dollar sign          | She makes $18 a day. The answer is $18.                | CORRECT   | CORRECT
            not stated, last number right      | 16 - 3 - 4 = 9 eggs, and 9 * 2 = 18                   | CORRECT   | NO_ANSWER
            not stated, last number wrong      | 9 * 2 = 18 dollars on 7 days                           | INCORRECT | NO_ANSWER
            stated wrong, earlier number right | 9 * 2 = 18, minus 2 is 16. The answer is 16.           | INCORRECT | INCORRECT
            no number at all                   | I do not know.                                         | NO_ANSWER | NO_ANSWER
            upper case marker                  | THE ANSWER IS 18                                       | CORRECT   | CORRECT
            marker followed by words only      | The answer is eighteen; 9 * 2 = 18                     | CORRECT   | NO_ANSWER
            full-width digits stated           | The answer is １８.                                     | CORRECT   | CORRECT
            Turkish dotted capital I           | THE ANSWER İS 18                                       | CORRECT   | NO_ANSWER
            """)
    void strictReadsOnlyTheStatedNumberWhereFlexibleFallsBackToTheLast(String what, String completion,
            Verdict flexible, Verdict strict) {
        assertThat(FLEXIBLE.grade(List.of("18"), completion).verdict()).as("flexible").isEqualTo(flexible);
        assertThat(STRICT.grade(List.of("18"), completion).verdict()).as("strict").isEqualTo(strict);
    }

    private static final GradingPipeline MATH_FLEXIBLE = ScorerRegistry.pipeline("boxed", "math_equivalence");
    private static final GradingPipeline MATH_STRICT = ScorerRegistry.pipeline("final_answer", "math_equivalence");

    /** MATH's two scorers, as Minerva's minerva_math is strict; the reference is \frac{1}{2} throughout. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the exemplars' closing sentence | Final Answer: The final answer is $\\frac12$. I hope it is correct. | CORRECT   | CORRECT
            a box only                      | So $x = \\boxed{\\dfrac{1}{2}}$.                                     | CORRECT   | NO_ANSWER
            a box and a wrong statement     | $\\boxed{0.5}$. The final answer is $2$.                              | CORRECT   | INCORRECT
            neither                         | It is one half                                                     | NO_ANSWER | NO_ANSWER
            """)
    void mathStrictReadsOnlyTheFinalAnswerStatement(String what, String completion, Verdict flexible,
            Verdict strict) {
        assertThat(MATH_FLEXIBLE.grade(List.of("\\frac{1}{2}"), completion).verdict()).as("flexible")
                .isEqualTo(flexible);
        assertThat(MATH_STRICT.grade(List.of("\\frac{1}{2}"), completion).verdict()).as("strict").isEqualTo(strict);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource(delimiter = '|', textBlock = """
            regex           | exact_match   | unknown extraction 'regex'; known: answer_is, answer_line, boxed, code, final_answer, last_number, likelihood, multiple_choice, numeric, text
            numeric         | bleu          | unknown metric 'bleu'; known: alias_match, bits_per_byte, code_execution, exact_match, likelihood_acc, math_equivalence, numeric_equal, rubric, token_f1
            multiple_choice | token_f1      | extraction multiple_choice cannot be scored by metric token_f1; it goes with exact_match
            code            | exact_match   | extraction code with metric exact_match has no text grader: extraction code goes with metric code_execution and only with it
            numeric         | rubric        | extraction numeric with metric rubric has no text grader: extraction text goes with metric rubric and only with it
            """)
    void refusesAnUnknownNameOrAPairThatCannotGradeNamingWhatIsKnown(String extraction, String metric,
            String message) {
        assertThatThrownBy(() -> ScorerRegistry.pipeline(extraction, metric))
                .isInstanceOf(InvalidRecordException.class).hasMessage(message);
    }

    @Test
    void namesEveryTextGraderWithItsVersion() {
        assertThat(ScorerRegistry.pipelineNames()).contains("numeric/numeric_equal@1", "answer_is/numeric_equal@1",
                "boxed/math_equivalence@1", "final_answer/math_equivalence@1", "multiple_choice/exact_match@1").doesNotContain(
                "multiple_choice/token_f1@1");
        assertThat(ScorerRegistry.pipeline("BOXED", "Exact_Match").name()).isEqualTo("boxed/exact_match@1");
    }
}
