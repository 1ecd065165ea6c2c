package io.evalstream.benchmarks.grading;

import static io.evalstream.benchmarks.grading.NumericAnswersTest.assertExtracted;
import static io.evalstream.benchmarks.grading.NumericAnswersTest.unescape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class MathEquivalenceTest {

    /** A model's answer against a MATH reference, both already extracted. */
    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            \\frac{9}{7}                          | \\dfrac{9}{7}                        | true
            9/7                                  | \\dfrac{9}{7}                        | true
            \\frac97                              | \\dfrac{9}{7}                        | true
            1.2857                               | \\dfrac{9}{7}                        | true
            1.2857142857                         | \\dfrac{9}{7}                        | true
            1.286                                | \\dfrac{9}{7}                        | false
            1.2858                               | \\dfrac{9}{7}                        | false
            \\frac{18}{14}                        | \\dfrac{9}{7}                        | true
            0.5                                  | \\frac{1}{2}                         | true
            .5                                   | \\frac12                             | true
            0.50                                 | \\frac{1}{2}                         | true
            0.3333                               | \\frac{1}{3}                         | true
            0.333                                | \\frac{1}{3}                         | false
            −\\frac{1}{2}                         | -\\frac12                            | true
            \\frac{-1}{2}                         | -0.5                                | true
            - \\frac{1}{2}                        | \\frac{1}{2}                         | false
            6 \\frac{3}{4}                        | \\frac{27}{4}                        | true
            6\\frac34                             | 6.75                                | true
            4.5                                  | 6 \\frac{3}{4}                       | false
            \\frac{\\sqrt3}{2}                     | \\dfrac{\\sqrt{3}}{2}                  | true
            \\frac{1}{2}\\sqrt{3}                  | \\dfrac{\\sqrt{3}}{2}                  | true
            0.8660                               | \\dfrac{\\sqrt{3}}{2}                  | true
            0.866                                | \\dfrac{\\sqrt{3}}{2}                  | false
            2\\sqrt{2}                            | \\sqrt{8}                            | true
            \\sqrt[3]{8}                          | 2                                   | true
            2^{10}                               | 1024                                | true
            2^10                                 | 1024                                | true
            \\frac{\\pi}{3}                        | \\frac{1}{3}\\pi                      | true
            6.2832                               | 2\\pi                                | true
            3.14                                 | \\pi                                 | false
            (1,2)                                | \\left( 1, 2 \\right)                 | true
            (0.5, -3)                            | \\left( \\frac{1}{2}, -3 \\right)      | true
            (2,1)                                | (1,2)                               | false
            [2,5)                                | [2,5)                               | true
            "[2, 5)"                             | [2,5)                               | true
            [2,5]                                | [2,5)                               | false
            (2,5)                                | [2,5)                               | false
            [-2,7]                               | x \\in [-2,7]                        | true
            "(-\\infty, 3]"                       | (-\\infty,3]                         | true
            (-\\infty,3)                          | (-\\infty,3]                         | false
            (0,1)\\cup(-\\infty,-2)                | (-\\infty, -2) \\cup (0, 1)           | true
            (-\\infty,-2)\\cup(0,2)                | (-\\infty, -2) \\cup (0, 1)           | false
            "4, 6, 14, 15"                       | 4,6,14,15                           | true
            "6,4,14,15"                          | 4,6,14,15                           | false
            1000                                 | 1{,}000                             | true
            1000                                 | "1,\\!000"                           | true
            "1,000"                              | 1000                                | true
            "\\$15,000"                           | "\\$15,\\!000"                        | true
            (1,000)                              | 1000                                | false
            "(1,0)"                              | (1,000)                             | true
            "1,234"                              | 1234                                | true
            10                                   | \\$ 10                               | true
            45                                   | 45^\\circ                            | true
            45°                                  | 45^{\\circ}                          | true
            10\\text{ cm}                         | 10                                  | true
            864                                  | 864 \\mbox{ inches}^2                | true
            0.25                                 | "0.25\\,\\text{ cm}"                  | true
            7                                    | 7\\%                                 | true
            0.07                                 | 7\\%                                 | false
            (A)                                  | \\text{(A)}                          | true
            A                                    | \\text{(A)}                          | true
            \\textbf{(A)}                         | (\\text{A})                          | true
            (B)                                  | \\text{(A)}                          | false
            Saturday                             | \\text{Saturday}                     | true
            x = 5                                | 5                                   | true
            y = 2x + 3                           | 2x+3                                | true
            2x+3                                 | 3+2x                                | false
            x^2 + 1                              | x^{2}+1                             | true
            1200_7                               | 1200_{7}                            | true
            x^3 + 1                              | x^{2}+1                             | false
            \\frac{3}{2} + \\frac{3}{2}i           | \\frac32+\\frac32i                    | true
            "\\begin{pmatrix} 2/5 \\\\ -1/5 \\\\ 0 \\end{pmatrix}" | "\\begin{pmatrix}\\frac{2}{5}\\\\-\\frac{1}{5}\\\\0\\end{pmatrix}" | true
            "\\begin{pmatrix} 2/5 \\\\ 1/5 \\\\ 0 \\end{pmatrix}"  | "\\begin{pmatrix}\\frac{2}{5}\\\\-\\frac{1}{5}\\\\0\\end{pmatrix}" | false
            10.0                                 | 10                                  | true
            1948                                 | 1984                                | false
            100                                  | 1000                                | false
            \\frac{1}{0}                          | \\frac{2}{0}                         | false
            12                                   | 12\\text{ and }13                    | false
            12\\text{ and }13                    | "12 \\text{ and } 13"                | true
            "864 \\text{ inches}^2"              | 864                                 | true
            """)
    void judgesMathematicalEquivalence(String answer, String reference, boolean equivalent) {
        assertThat(MathEquivalence.score(answer, reference)).isEqualTo(equivalent ? 1.0 : 0.0);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            $\\frac{1}{2}$.          | \\frac{1}{2}
            " $$ 5 $$ "             | 5
            \\(x + 1\\)              | x + 1
            \\boxed{5}               | 5
            $\\boxed{\\$1.50}$        | \\$1.50
            $5$ and $6$             | $5$ and $6$
            5.                      | 5
            "$ $"                   | NO_ANSWER
            ""                      | NO_ANSWER
            """)
    void normalizesAwayWhatSurroundsTheAnswer(String answer, String expected) {
        assertExtracted(MathEquivalence.normalize(answer), expected);
    }

    static Stream<Arguments> adversarialAnswers() {
        return Stream.of(
                Arguments.of("opening parentheses", "(".repeat(1_000), "(".repeat(999) + ")"),
                Arguments.of("nested fractions", "\\frac{".repeat(150) + "1" + "}{2}".repeat(150), "0"),
                Arguments.of("nested powers", "2^{".repeat(300) + "2" + "}".repeat(300), "4"),
                Arguments.of("roots", "\\sqrt".repeat(190) + "2", "\\sqrt{2}"),
                Arguments.of("huge power", "9^{9^{9^{9}}}", "1"),
                Arguments.of("a long list", "1,".repeat(499) + "1", "1,".repeat(498) + "2"),
                Arguments.of("minus signs", "-".repeat(999) + "1", "-1"),
                Arguments.of("nested text", "\\text{".repeat(150) + "a" + "}".repeat(150), "a b"),
                Arguments.of("nested tuples", "(".repeat(300) + "1,2" + ")".repeat(300),
                        "(".repeat(300) + "1,3" + ")".repeat(300)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("adversarialAnswers")
    void comparesAdversarialAnswersQuickly(String description, String answer, String reference) {
        double score = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> MathEquivalence.score(answer, reference));

        assertThat(score).isZero();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("adversarialAnswers")
    void refusesToReadAnAnswerLongerThanTheLimit(String description, String answer, String reference) {
        String huge = unescape(answer).repeat(1 + MathEquivalence.MAX_CHARS / Math.max(1, answer.length()));

        assertThat(MathEquivalence.normalize(huge + "x")).isInstanceOf(Extracted.Missing.class);
    }
}
