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
class AnswerLinesTest {

    /** The answer read from realistic DROP and TriviaQA outputs; \n stands for a newline. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            The answer is 3 touchdowns.                                         | 3 touchdowns
            " 3 touchdowns\\n\\nPassage: The Bears opened the season..."          | 3 touchdowns
            Answer: Nile.                                                       | Nile
            Answer:\\n\\nNile                                                     | Nile
            Answer: The answer is Paris.                                        | Paris
            "The answer is: ""Denver Broncos""\"                                | Denver Broncos
            The answer is **John F. Kennedy**.                                  | John F. Kennedy
            The answer is Mt. Everest. It is the tallest mountain.              | Mt. Everest
            The answer is 3.5 yards.                                            | 3.5 yards
            The answer is 1,234.                                                | 1,234
            The answer is -7 degrees.                                           | -7 degrees
            Paris. It is the capital of France.                                 | Paris
            "\\n\\n  Washington D.C.\\nQuestion: What is ..."                     | Washington D.C
            The answer is yes!                                                  | yes
            Is it true? The answer is no. Because the passage says so.          | no
            I think the answer is 12 and not 13.\\nAnswer: 14                   | 12 and not 13
            The ANSWER IS “Bleak House”.                                        | Bleak House
            İstanbul'dan: the answer is Ankara.                                 | Ankara
            答案是 北京                                                            | 答案是 北京
            The answer is                                                       | NO_ANSWER
            "   \\n  "                                                           | NO_ANSWER
            ""                                                                  | NO_ANSWER
            """)
    void readsTheFirstStatedAnswerElseTheFirstLine(String completion, String expected) {
        assertExtracted(AnswerLines.extract(unescape(completion)), expected);
    }

    static Stream<Arguments> adversarialOutputs() {
        return Stream.of(
                Arguments.of("a megabyte line", "a".repeat(1 << 20), "a".repeat(1 << 20)),
                Arguments.of("a megabyte of initials", "A. ".repeat(300_000), "A. ".repeat(300_000).strip()
                        .substring(0, 899_998)),
                Arguments.of("statements restating statements", "the answer is ".repeat(80_000),
                        "the answer is ".repeat(79_998).strip()),
                Arguments.of("whitespace after the phrase", "answer" + " ".repeat(1 << 20) + "is Oslo", "Oslo"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("adversarialOutputs")
    void readsHugeAdversarialOutputInLinearTime(String description, String completion, String expected) {
        Extracted extracted = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> AnswerLines.extract(completion));

        assertExtracted(extracted, expected);
    }
}
