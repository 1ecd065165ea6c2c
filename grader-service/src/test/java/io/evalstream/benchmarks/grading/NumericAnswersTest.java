package io.evalstream.benchmarks.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class NumericAnswersTest {

    private static final String NONE = "NO_ANSWER";
    private static final GradingPipeline NUMERIC = Grader.pipeline(Extraction.NUMERIC, Metric.NUMERIC_EQUAL);

    /** The normalized answer the numeric grader reads from realistic model outputs; \n stands for a newline. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            The answer is 18.                                                        | 18
            The answer is 18                                                         | 18
            the answer is 18 apples, not 20.                                         | 18
            THE ANSWER IS 42                                                         | 42
            Janet sells 16 - 3 - 4 = 9 eggs at $2, so 9 * 2 = $18. The answer is 18. | 18
            She earns 9 * $2 = $18 every day.\\n#### 18                               | 18
            5 + 7 = 12 apples, then 12 * 3 = 36.                                     | 36
            He is 7.                                                                 | 7
            The answer is $1,234.                                                    | 1234
            The answer is -5.                                                        | -5
            The answer is \u22125 (a Unicode minus)                                  | -5
            The temperature fell to -12 degrees overnight.                           | -12
            After the refund the balance is -$3.50.                                  | -3.5
            The answer is $-7                                                        | -7
            x = (-4)                                                                 | -4
            The answer is 1,000                                                      | 1000
            The answer is 12,345.5 meters                                            | 12345.5
            The answer is 1,000,000.                                                 | 1000000
            The answer is 0.5                                                        | 0.5
            The answer is .5                                                         | 0.5
            The answer is 18.00                                                      | 18
            The answer is 50%.                                                       | 50
            The answer is: 72                                                        | 72
            The answer is:\\n\\n72                                                    | 72
            The answer is: **$1,080**                                                | 1080
            The final answer is $\\boxed{204}$.                                       | 204
            The answer is \\boxed{17}                                                 | 17
            The answer is 3. Wait, let me recheck: the answer is 4.                  | 3
            The answer is unknown, but 3 + 4 = 7.                                    | 7
            The answer is twelve, so 12.                                             | 12
            The answer is 5, since 2 + 3 = 5 and 10 / 2 = 5.                         | 5
            Which answer is right? 10 or 12? I say 12.                               | 12
            The answer isn't 5; it is 6.                                             | 6
            She picked 3-5 apples.                                                   | 5
            Sales rose between 2019-2020.                                            | 2020
            There were 40 COVID-19 cases.                                            | 19
            The list is 1,2,3                                                        | 3
            He paid 1,2345 coins.                                                    | 2345
            Version 1.2.3 was released.                                              | 3
            The answer is 007                                                        | 7
            The answer is -0                                                         | 0
            İstanbul'dan 3 tren ve İzmir'den 4 tren geldi. The answer is 7.          | 7
            ANSWER İS 9, but 2 + 2 = 4                                               | 4
            Die Antwort ist 1.234                                                    | 1.234
            答案是 42。                                                                 | 42
            答案是４２                                                                  | 42
            Il a payé 15 € puis 20 €.                                                | 20
            It costs €30.                                                            | 30
            Ответ: 256                                                               | 256
            No numbers here at all.                                                  | NO_ANSWER
            The answer is unknown.                                                   | NO_ANSWER
            "   "                                                                    | NO_ANSWER
            ""                                                                       | NO_ANSWER
            ...---$$$,,,%%%                                                          | NO_ANSWER
            """)
    void extractsTheStatedNumberElseTheLastOne(String completion, String expected) {
        assertExtracted(NumericAnswers.extract(unescape(completion)).then(NumericAnswers::normalize), expected);
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            The answer is 18.                     | 18         | CORRECT
            The answer is 18.0                    | 18         | CORRECT
            The answer is 18.00                   | 18.0       | CORRECT
            The answer is 1,000                   | 1000       | CORRECT
            The answer is 1000                    | 1,000      | CORRECT
            The answer is $1,234.                 | 1234       | CORRECT
            The answer is -5                      | -5         | CORRECT
            The answer is 0.5                     | .5         | CORRECT
            The answer is 50%                     | 50         | CORRECT
            The answer is -0                      | 0          | CORRECT
            The answer is 5                       | -5         | INCORRECT
            The answer is 17                      | 18         | INCORRECT
            18 people came, so the answer is 17.  | 18         | INCORRECT
            The answer is 18.5                    | 18         | INCORRECT
            I don't know.                         | 18         | NO_ANSWER
            """)
    void gradesByNumericValue(String completion, String reference, Verdict verdict) {
        Outcome outcome = NUMERIC.grade(List.of(reference), completion);

        assertThat(outcome.verdict()).isEqualTo(verdict);
        assertThat(outcome.score()).isEqualTo(verdict == Verdict.CORRECT ? 1.0 : 0.0);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            18           | 18
            18.0         | 18
            018          | 18
            1,000        | 1000
            $1,234.50    | 1234.5
            \u22125      | -5
            -0           | 0
            0.000        | 0
            .5           | 0.5
            50%          | 50
            " 42 "       | 42
            +7           | 7
            1000000000000000000000000000001 | 1000000000000000000000000000001
            abc          | NO_ANSWER
            1e5          | NO_ANSWER
            1E+999999999 | NO_ANSWER
            1.2.3        | NO_ANSWER
            1 000        | NO_ANSWER
            "-"          | NO_ANSWER
            ""           | NO_ANSWER
            """)
    void normalizesNumbersToTheirPlainDecimalForm(String number, String expected) {
        assertExtracted(NumericAnswers.normalize(number), expected);
    }

    static Stream<Arguments> adversarialOutputs() {
        String digits = "1".repeat(1 << 20);
        return Stream.of(
                Arguments.of("a megabyte of digits", digits, NONE),
                Arguments.of("a megabyte of digits, then a statement", digits + " The answer is 5.", "5"),
                Arguments.of("a megabyte of digits after a statement", "The answer is 5. " + digits, "5"),
                Arguments.of("thousands groups that never end", "1" + ",000".repeat(250_000), NONE),
                Arguments.of("a long run of numbers", "1,000, ".repeat(150_000) + "7", "7"),
                Arguments.of("statements with no number", "the answer is ".repeat(80_000), NONE),
                Arguments.of("statements each followed by words", "The answer is x. ".repeat(60_000) + "9", "9"),
                Arguments.of("dots", ".".repeat(1 << 20), NONE),
                Arguments.of("minus signs then a number", "-".repeat(1 << 20) + "5", "-5"),
                Arguments.of("dotted numbers", "1.2.".repeat(250_000), "1.2"),
                Arguments.of("currency and commas", "$,".repeat(500_000), NONE),
                Arguments.of("whitespace after the phrase", "answer" + " ".repeat(1 << 20) + "is 4", "4"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("adversarialOutputs")
    void readsHugeAdversarialOutputInLinearTime(String description, String completion, String expected) {
        Extracted extracted = assertTimeoutPreemptively(Duration.ofSeconds(3),
                () -> NumericAnswers.extract(completion).then(NumericAnswers::normalize));

        assertExtracted(extracted, expected);
    }

    @Test
    void explainsWhyNothingWasExtracted() {
        assertThat(NumericAnswers.extract("No numbers here."))
                .isEqualTo(new Extracted.Missing("no number in the completion"));
        assertThat(NumericAnswers.normalize("9".repeat(101)))
                .isEqualTo(new Extracted.Missing("a number of 101 characters is longer than the 100 this grader reads"));
    }

    @Test
    void keepsTheNumberAsWrittenUntilNormalized() {
        assertThat(NumericAnswers.extract("The answer is -$1,234.50.")).isEqualTo(new Extracted.Found("-$1,234.50"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            eighteen
            1e5
            "n/a"
            """)
    void rejectsAReferenceThatIsNotANumber(String reference) {
        assertThatThrownBy(() -> NUMERIC.grade(List.of(reference), "The answer is 18."))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("field 'task.reference' cannot be graded by numeric/numeric_equal@1: '"
                        + reference + "' is not a");
    }

    /** {@code NO_ANSWER} expects a missing answer, anything else that normalized answer. */
    static void assertExtracted(Extracted actual, String expected) {
        if (expected.equals(NONE)) {
            assertThat(actual).isInstanceOf(Extracted.Missing.class);
        } else {
            assertThat(actual).isEqualTo(new Extracted.Found(expected));
        }
    }

    static String unescape(String text) {
        return text.replace("\\n", "\n");
    }
}
