package io.evalstream.benchmarks.grading;

import static org.assertj.core.api.Assertions.assertThat;
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
class AliasMatchTest {

    /** TriviaQA-style answers against one alias; both are SQuAD-normalized first. */
    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Paris                    | Paris              | true
            The Beatles              | Beatles            | true
            Paris, France            | Paris              | true
            It is Paris              | Paris              | true
            New York City            | New York           | true
            Mississippi River        | Mississippi        | true
            Tchaikovski              | Tchaikovsky        | true
            Shakespear               | Shakespeare        | true
            George Washingon         | George Washington  | true
            I believe it is Paris    | Paris              | false
            Paris, London or Rome    | Paris              | false
            not Paris                | Paris              | false
            York                     | New York           | false
            Parish                   | Paris              | false
            Kenedy                   | Kennedy            | false
            Austria                  | Australia          | false
            Sweden                   | Swedes             | false
            1948                     | 1984               | false
            Apollo 13                | Apollo 11          | false
            Jupiter                  | Saturn             | false
            Leonardo DiCaprio        | Leonardo da Vinci  | false
            Ankara                   | İstanbul           | false
            """)
    void matchesAnAliasExactlyWithinAShortAnswerOrWithASpellingSlip(String answer, String alias, boolean matches) {
        assertThat(AliasMatch.score(normalized(answer), normalized(alias))).isEqualTo(matches ? 1.0 : 0.0);
    }

    @Test
    void gradesAgainstEveryAliasOfTheTask() {
        GradingPipeline trivia = Grader.pipeline(Extraction.ANSWER_LINE, Metric.ALIAS_MATCH);
        List<String> accepted = List.of("John F. Kennedy", "JFK", "Jack Kennedy", "President Kennedy");

        assertThat(trivia.grade(accepted, "Jack Kennedy\n\nQuestion: Who").verdict()).isEqualTo(Verdict.CORRECT);
        assertThat(trivia.grade(accepted, "The answer is John F Kennedy.").verdict()).isEqualTo(Verdict.CORRECT);
        assertThat(trivia.grade(accepted, "Robert Kennedy").verdict()).isEqualTo(Verdict.INCORRECT);
        assertThat(trivia.grade(accepted, "").verdict()).isEqualTo(Verdict.NO_ANSWER);
    }

    @Test
    void comparesLongAnswersWithoutSlowingDown() {
        String answer = normalized("word ".repeat(200_000));
        String alias = normalized("ward ".repeat(200));

        double score = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> AliasMatch.score(answer, alias));

        assertThat(score).isZero();
    }

    private static String normalized(String text) {
        return ((Extracted.Found) SquadText.normalize(text)).text();
    }
}
