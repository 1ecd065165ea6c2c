package io.evalstream.benchmarks.grading;

import static io.evalstream.benchmarks.grading.NumericAnswersTest.assertExtracted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class SquadTextTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            The Nile.                 | nile
            "  A  dog's   life "      | dogs life
            an apple a day            | apple day
            The Who                   | who
            Theater                   | theater
            well-known                | wellknown
            “Bleak House”             | bleak house
            U.S.A.                    | usa
            3.5                       | 3.5
            3.                        | 3
            -5                        | -5
            −5                        | -5
            5-6                       | 56
            1,000                     | 1000
            $1,234.50                 | 1234.50
            ÜBER Straße               | über straße
            ＰＡＲＩＳ                 | paris
            İstanbul                  | i̇stanbul
            The                       | the
            A                         | a
            ?                         | ?
            "   "                     | NO_ANSWER
            ""                        | NO_ANSWER
            """)
    void normalizesTheSquadWayKeepingNumbersIntact(String text, String expected) {
        assertExtracted(SquadText.normalize(text), expected);
    }

    /** DROP-style answers against one reference, both normalized first. */
    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            3                         | 3                     | 1.0
            3 touchdowns              | 3                     | 0.6667
            three                     | 3                     | 0.0
            4                         | 3                     | 0.0
            Denver Broncos            | Broncos               | 0.6667
            Broncos                   | the Denver Broncos    | 0.6667
            San Francisco 49ers       | 49ers                 | 0.5
            Tom Brady and Eli Manning | Eli Manning           | 0.5714
            yes yes no                | yes no                | 0.8
            32-yard field goal        | 32-yard               | 0.5
            3.5                       | 35                    | 0.0
            -5                        | 5                     | 0.0
            Kansas City Chiefs        | Chiefs Kansas City    | 1.0
            """)
    void scoresTokenF1(String answer, String reference, double f1) {
        assertThat(SquadText.f1(normalized(answer), normalized(reference))).isCloseTo(f1, within(1e-4));
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            The answer is the Nile.      | Nile              | CORRECT
            The answer is Nile River.    | Nile              | INCORRECT
            Answer: (A)                  | A                 | CORRECT
            "The answer is ""Paris""."   | paris             | CORRECT
            The answer is 1,000.         | 1000              | CORRECT
            The answer is -5.            | 5                 | INCORRECT
            """)
    void exactMatchesAfterNormalization(String completion, String reference, Verdict verdict) {
        GradingPipeline exact = Grader.pipeline(Extraction.ANSWER_LINE, Metric.EXACT_MATCH);

        assertThat(exact.grade(List.of(reference), completion).verdict()).isEqualTo(verdict);
    }

    @Test
    void normalizesAMegabyteInLinearTime() {
        String text = "The, a. an! ".repeat(90_000) + "x";

        Extracted normalized = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> SquadText.normalize(text));

        assertThat(normalized).isEqualTo(new Extracted.Found("x"));
    }

    private static String normalized(String text) {
        return ((Extracted.Found) SquadText.normalize(text)).text();
    }
}
