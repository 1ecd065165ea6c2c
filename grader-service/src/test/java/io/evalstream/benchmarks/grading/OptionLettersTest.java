package io.evalstream.benchmarks.grading;

import static io.evalstream.benchmarks.grading.NumericAnswersTest.assertExtracted;
import static io.evalstream.benchmarks.grading.NumericAnswersTest.unescape;
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
class OptionLettersTest {

    private static final GradingPipeline LETTERS = Grader.pipeline(Extraction.MULTIPLE_CHOICE, Metric.EXACT_MATCH);

    /** The option letter read from realistic model outputs; \n stands for a newline. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            The answer is (B).                                                          | B
            The answer is B                                                             | B
            The answer is B because water boils at 100 degrees.                         | B
            the answer is (c)                                                           | C
            THE ANSWER IS (D)                                                           | D
            Answer: D                                                                   | D
            answer:C                                                                    | C
            The answer is **B**                                                         | B
            The correct answer is: 'A'                                                  | A
            B                                                                           | B
            " B"                                                                        | B
            B.                                                                          | B
            (C)                                                                         | C
            " (C) Jupiter"                                                              | C
            C. Paris is the capital of France.                                          | C
            D) 42                                                                       | D
            A                                                                           | A
            Which is larger? (A) 3 (B) 5 (C) 1 (D) 2\\nThe answer is (B).               | B
            Which planet is largest? (A) Mars (B) Venus (C) Jupiter (D) Earth\\nAnswer: C | C
            A good question! The answer is (D).                                         | D
            A good question. I think (C).                                               | C
            The answer is a bit tricky, but (B).                                        | B
            The answer is Alpha Centauri (C).                                           | C
            Which answer is correct? Comparing them, (C) wins.                          | C
            Let me compare (A) and (C): (C) is larger.                                  | A
            The answer is (B). Question: What is 2 + 2? The answer is (D).              | B
            İ think the answer is (D).                                                  | D
            ANSWER İS (B)                                                               | B
            Cevap: (B) İstanbul                                                         | B
            答案是 (C)                                                                    | C
            答案是（Ｃ）                                                                      | C
            Ответ: (A)                                                                  | A
            (b)                                                                         | NO_ANSWER
            (a) first, 3 > 2; (b) second, 5 > 4.                                        | NO_ANSWER
            Answer: b                                                                   | NO_ANSWER
            The answer is (E)                                                           | NO_ANSWER
            The answer is a bit unclear.                                                | NO_ANSWER
            I cannot answer that.                                                       | NO_ANSWER
            Apples are red.                                                             | NO_ANSWER
            E                                                                           | NO_ANSWER
            ""                                                                          | NO_ANSWER
            """)
    void readsTheStatedOptionElseTheLeadingOneElseTheFirstInParentheses(String completion, String expected) {
        assertExtracted(OptionLetters.extract(unescape(completion)), expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            B        | B
            b        | B
            (c)      | C
            " D "    | D
            E        | NO_ANSWER
            AB       | NO_ANSWER
            1        | NO_ANSWER
            i        | NO_ANSWER
            ı        | NO_ANSWER
            ""       | NO_ANSWER
            """)
    void normalizesOptionsToOneUpperCaseLetter(String option, String expected) {
        assertExtracted(OptionLetters.normalize(option), expected);
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            The answer is (B).   | B   | CORRECT
            The answer is (B).   | b   | CORRECT
            The answer is (B).   | (B) | CORRECT
            The answer is (A).   | C   | INCORRECT
            I am not sure.       | C   | NO_ANSWER
            """)
    void gradesByLetter(String completion, String reference, Verdict verdict) {
        assertThat(LETTERS.grade(List.of(reference), completion).verdict()).isEqualTo(verdict);
    }

    @Test
    void rejectsAReferenceThatIsNotAnOption() {
        assertThatThrownBy(() -> LETTERS.grade(List.of("E"), "The answer is (B)."))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("field 'task.reference' cannot be graded by multiple_choice/exact_match@1: 'E' is not an"
                        + " option letter A-D");
    }

    static Stream<Arguments> adversarialOutputs() {
        return Stream.of(
                Arguments.of("a megabyte of opening parentheses", "(".repeat(1 << 20), "NO_ANSWER"),
                Arguments.of("a megabyte of one letter", "A".repeat(1 << 20), "NO_ANSWER"),
                Arguments.of("statements with no letter", "the answer is ".repeat(80_000), "NO_ANSWER"),
                Arguments.of("restated options, then a statement", "(A) 3 (B) 5 ".repeat(80_000) + "Answer: D", "D"),
                Arguments.of("whitespace after the statement", "answer" + " ".repeat(1 << 20) + "is C", "C"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("adversarialOutputs")
    void readsHugeAdversarialOutputInLinearTime(String description, String completion, String expected) {
        Extracted extracted = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> OptionLetters.extract(completion));

        assertExtracted(extracted, expected);
    }
}
