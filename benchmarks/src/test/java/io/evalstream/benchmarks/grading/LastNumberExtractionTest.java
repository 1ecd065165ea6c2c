package io.evalstream.benchmarks.grading;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * lm-evaluation-harness's GSM8K flexible-extract (gsm8k.yaml v3.0: {@code (-?[$0-9.,]{2,})|(-?[0-9]+)}, the last
 * match, commas, dollar signs and a final period ignored), registered as {@code last_number} and scored here by
 * {@code numeric_equal} against 18, as the harness scores GSM8K.
 */
@Timeout(10)
class LastNumberExtractionTest {

    private static final LastNumberExtraction LAST = new LastNumberExtraction();
    private static final GradingPipeline FLEXIBLE = ScorerRegistry.pipeline("last_number", "numeric_equal");
    private static final GradingPipeline NUMERIC = ScorerRegistry.pipeline("numeric", "numeric_equal");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            empty text                            |                                                | -       | NO_ANSWER
            no number at all                      | I do not know.                                 | -       | NO_ANSWER
            one digit (the second alternative)    | 8                                              | 8       | INCORRECT
            the exemplars' closing line           | 9 * 2 = 18. The answer is 18.                  | 18      | CORRECT
            a final period is ignored             | 9 * 2 = 18.                                    | 18      | CORRECT
            commas and dollars are ignored        | She earns $1,018 and keeps $18.                | 18      | CORRECT
            thousands separators                  | The total is 1,800,000.                        | 1800000 | INCORRECT
            the last number wins over the stated  | The answer is 18 (check: 3 + 15)               | 15      | INCORRECT
            a unit after the number               | 9 * 2 = 18 dollars on 7 days                   | 7       | INCORRECT
            all numbers equal                     | 18 18 18                                       | 18      | CORRECT
            negative                              | The change is -18                              | -18     | INCORRECT
            negative decimal                      | -18.50 in all                                  | -18.50  | INCORRECT
            decimal that equals the reference     | 18.0 eggs                                      | 18.0    | CORRECT
            Turkish dotted capital I              | THE ANSWER İS 18                               | 18      | CORRECT
            full-width digits are not ASCII [0-9] | The answer is １８.                             | -       | NO_ANSWER
            punctuation only matches the class    | Hmm... ok                                      | ..      | NO_ANSWER
            """)
    void takesTheLastNumberAsTheHarnessFlexibleExtractDoes(String what, String completion, String answer,
            Verdict verdict) {
        String text = completion == null ? "" : completion;
        Extracted extracted = LAST.extract(text);
        if (answer == null) {
            assertThat(extracted).isInstanceOf(Extracted.Missing.class);
        } else {
            assertThat(extracted).isEqualTo(new Extracted.Found(answer));
        }
        assertThat(FLEXIBLE.grade(List.of("18"), text).verdict()).isEqualTo(verdict);
    }

    @Test
    void differsFromNumericWhereAStatedAnswerIsFollowedByAnotherNumber() {
        String text = "The answer is 18. That is 3 more than 15";
        assertThat(NUMERIC.grade(List.of("18"), text).verdict()).isEqualTo(Verdict.CORRECT);
        assertThat(FLEXIBLE.grade(List.of("18"), text).verdict()).isEqualTo(Verdict.INCORRECT);
    }

    @Test
    void readsAHugeAdversarialOutputInLinearTime() {
        String text = "9,".repeat(200_000) + " then 18";
        assertThat(LAST.extract(text)).isEqualTo(new Extracted.Found("18"));
        assertThat(LAST.extract("-".repeat(500_000))).isInstanceOf(Extracted.Missing.class);
    }
}
