package io.evalstream.benchmarks.grading;

import static io.evalstream.benchmarks.grading.NumericAnswersTest.assertExtracted;
import static io.evalstream.benchmarks.grading.NumericAnswersTest.unescape;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class BoxedAnswersTest {

    /** The answer read from realistic MATH outputs; \n stands for a newline. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            So the area is $\\boxed{12}$.                                                    | 12
            Hence $x = \\boxed{\\frac{1}{2}}$.                                               | \\frac{1}{2}
            The point is $\\boxed{\\left( \\frac{3}{2}, 4 \\right)}$.                          | \\left( \\frac{3}{2}, 4 \\right)
            First I got \\boxed{3}. Wait, that is wrong; the sum is \\boxed{4}.              | 4
            The set is \\boxed{\\{1, 2\\}}.                                                  | \\{1, 2\\}
            The answer is \\fbox{7}.                                                         | 7
            So it is $\\boxed 5$.                                                            | 5
            So it is \\boxed 5.                                                              | 5
            The value is \\boxed {-2}                                                        | -2
            "The result: \\boxed{\\text{(C)}}"                                               | \\text{(C)}
            Final Answer: The final answer is $\\frac{3}{4}$. I hope it is correct.          | \\frac{3}{4}
            Final Answer: The final answer is $x = 5$. I hope it is correct.                 | x = 5
            Final Answer: The final answer is $\\$12.50$. I hope it is correct.              | \\$12.50
            Final Answer: The final answer is $90\\text{ square\\nunits}$. I hope it is correct. | "90\\text{ square\\nunits}"
            The final answer is 0.5. I hope it is correct.                                   | 0.5
            The final answer is $$\\sqrt{2}$$                                                | \\sqrt{2}
            FINAL ANSWER: 42                                                                 | 42
            Final answer is **17**.                                                          | 17
            Final Answer: The final answer is $7$. I hope it is correct.\\nProblem: ... Final Answer: The final answer is $9$. | 7
            I started \\boxed{3 but ran out of tokens. Final Answer: The final answer is $3$. | 3
            Hence $\\boxed{\\frac{1}{2}$                                                     | NO_ANSWER
            The box is empty: \\boxed{}.                                                     | NO_ANSWER
            The answer is 5.                                                                 | NO_ANSWER
            Final Answer:                                                                    | NO_ANSWER
            ""                                                                               | NO_ANSWER
            """)
    void readsTheLastBoxElseTheFinalAnswerStatement(String completion, String expected) {
        assertExtracted(BoxedAnswers.extract(unescape(completion)), unescape(expected));
    }

    static Stream<Arguments> adversarialOutputs() {
        return Stream.of(
                Arguments.of("a megabyte of open boxes", "\\boxed{".repeat(150_000), "NO_ANSWER"),
                Arguments.of("a box opening a megabyte of braces", "\\boxed" + "{".repeat(1 << 20), "NO_ANSWER"),
                Arguments.of("boxes without braces", "\\boxed ".repeat(150_000) + "5", "5"),
                Arguments.of("a statement then a megabyte of dollars", "Final answer is " + "$".repeat(1 << 20),
                        "NO_ANSWER"),
                Arguments.of("statements restating statements", "final answer ".repeat(80_000),
                        "final answer ".repeat(79_999).strip()),
                Arguments.of("deeply nested braces", "\\boxed" + "{".repeat(100_000) + "1" + "}".repeat(100_000),
                        "{".repeat(99_999) + "1" + "}".repeat(99_999)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("adversarialOutputs")
    void readsHugeAdversarialOutputInLinearTime(String description, String completion, String expected) {
        Extracted extracted = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> BoxedAnswers.extract(completion));

        assertExtracted(extracted, expected);
    }
}
