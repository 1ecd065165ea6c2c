package io.evalstream.producer.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class Gsm8kFormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            She makes 9 * 2 = $<<9*2=18>>18 a day.\\n#### 18 | 18
            So he made a profit of $70,000\\n#### 70,000      | 70000
            The total is 1,234,567\\n#### 1,234,567           | 1234567
            The temperature fell to -5 degrees\\n####  -5     | -5
            Each share is 2.5\\n#### 2.5                      | 2.5
            #### 12 is a guess\\nIn the end:\\n#### 3         | 3
            """)
    void referenceIsTheNumberAfterTheLastMarkerWithoutThousandsSeparators(String answer, String reference) {
        assertThat(Gsm8kFormat.reference(answer.replace("\\n", "\n"), "test")).isEqualTo(reference);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            The answer is 18.       | found no '####'
            #### eighteen           | expected a number after '####', got 'eighteen'
            ####                    | expected a number after '####', got ''
            #### 18 dollars         | got '18 dollars'
            """)
    void answersWithoutAFinalNumberAreRejectedWithTheReason(String answer, String reason) {
        assertThatThrownBy(() -> Gsm8kFormat.reference(answer, "gsm8k/test.jsonl line 7"))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("gsm8k/test.jsonl line 7: ")
                .hasMessageContaining(reason);
    }

    @Test
    void parsesLinesInOrderSkippingBlankOnesAndSplitsTheSolutionFromTheAnswer() {
        String jsonl = """
                {"question": "Ann has 2 cats and gets 3 more. How many cats?", "answer": "2 + 3 = <<2+3=5>>5\\n#### 5"}

                {"question": " Cost of 1,000 pens at $2? ", "answer": "1,000 * 2 = <<1000*2=2000>>2,000\\n#### 2,000", "extra": 1}
                """;

        List<MathProblem> problems = Gsm8kFormat.parse("test.jsonl", jsonl);

        assertThat(problems).containsExactly(
                new MathProblem("0", "Ann has 2 cats and gets 3 more. How many cats?", "2 + 3 = <<2+3=5>>5", "5"),
                new MathProblem("1", "Cost of 1,000 pens at $2?", "1,000 * 2 = <<1000*2=2000>>2,000", "2000"));
        assertThat(problems.get(1).reference()).isEqualTo("2000");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"question": "Q?", "answer": "#### 1"                 | test.jsonl line 2: not valid JSON
            {"answer": "#### 1"}                                  | test.jsonl line 2: field 'question' must be a non-empty string
            {"question": "Q?", "answer": 7}                       | test.jsonl line 2: field 'answer' must be a non-empty string
            {"question": "", "answer": "#### 1"}                  | test.jsonl line 2: field 'question' must be a non-empty string
            {"question": "Q?", "answer": "no final number here"}  | test.jsonl line 2: field 'answer' must end with '#### <number>'
            """)
    void aBadLineNamesTheFileAndLine(String badLine, String reason) {
        String jsonl = "{\"question\": \"Q?\", \"answer\": \"#### 1\"}\n" + badLine + "\n";

        assertThatThrownBy(() -> Gsm8kFormat.parse("test.jsonl", jsonl))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void anEmptyFileHasNoProblems() {
        assertThat(Gsm8kFormat.parse("empty.jsonl", "")).isEmpty();
        assertThat(Gsm8kFormat.parse("blank.jsonl", "\n  \n")).isEmpty();
    }
}
