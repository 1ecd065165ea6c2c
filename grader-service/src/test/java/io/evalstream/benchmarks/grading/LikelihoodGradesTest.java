package io.evalstream.benchmarks.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ContinuationScore;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Verdict;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** acc and acc_norm of multiple choice by likelihood, and bits per byte of a text, against hand computations. */
@Timeout(30)
class LikelihoodGradesTest {

    private static final Instant AT = Instant.parse("2026-12-07T08:00:00Z");

    /*
     * By hand (lengths are bytes without the leading delimiter space):
     * 1. acc: -6 > -9 picks 0; acc_norm: -6/5 = -1.2 < -9/11 = -0.818 picks 1 (the reference).
     * 2. acc: -1.5 is highest, picks 1 (the reference); acc_norm: -2/3 = -0.667 > -1.5/2 = -0.75 > -4/5, picks 0.
     * 3. a tie goes to the first choice, as numpy's argmax: both pick 0, the reference is 1.
     * 4. all agree on 2.
     */
    @ParameterizedTest(name = "[{index}] {0} / {1} ref {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ' a cat; the big dog'            | -6.0;-9.0      | 1 | 0 | false | true
            ' yes; no; maybe'                | -2.0;-1.5;-4.0 | 1 | 1 | true  | false
            ' A; B'                          | -1.0;-1.0      | 1 | 0 | false | false
            ' red; blue; green; yellow'      | -9;-8;-2;-7    | 2 | 2 | true  | true
            """)
    void accIsTheHighestSumAndAccNormTheHighestPerByte(String choices, String logprobs, int reference, int chosen,
            boolean acc, boolean accNorm) {
        List<String> options = Arrays.stream(choices.split(";")).map(choice -> " " + choice.strip()).toList();
        List<ContinuationScore> scores = Arrays.stream(logprobs.split(";"))
                .map(value -> new ContinuationScore(Double.parseDouble(value), 2, null)).toList();
        PromptTask task = task(Metric.LIKELIHOOD_ACC, "The story so far.", Integer.toString(reference), options);

        Grade grade = Grader.grade(completion(task, scores), AT);

        assertThat(grade.verdict()).isEqualTo(acc ? Verdict.CORRECT : Verdict.INCORRECT);
        assertThat(grade.marking().score()).isEqualTo(acc ? 1.0 : 0.0);
        assertThat(grade.marking().extracted()).isEqualTo(Integer.toString(chosen));
        assertThat(grade.evidence().likelihood().normCorrect()).isEqualTo(accNorm);
        assertThat(grade.evidence().likelihood().nats()).isEqualTo(scores.get(reference).logprob());
        assertThat(grade.context().grader()).isEqualTo("likelihood/likelihood_acc@1");
    }

    @Test
    void aTextIsMeasuredInBitsPerByteAndScoredByItsPerByteProbability() {
        String text = "Mia went to the park with a happy duck.";
        // 39 bytes at exactly 1.5 bits each.
        double nats = -1.5 * Math.log(2) * 39;
        PromptTask task = task(Metric.BITS_PER_BYTE, text, "t000", null);

        Grade grade = Grader.grade(completion(task, List.of(new ContinuationScore(nats, 11, null))), AT);

        assertThat(grade.verdict()).isEqualTo(Verdict.MEASURED);
        assertThat(grade.evidence().likelihood().bytes()).isEqualTo(39);
        assertThat(grade.evidence().likelihood().tokens()).isEqualTo(11);
        assertThat(grade.evidence().likelihood().bitsPerByte()).isCloseTo(1.5, within(1e-12));
        assertThat(grade.marking().score()).isCloseTo(Math.pow(2, -1.5), within(1e-12));
    }

    private static PromptTask task(Metric metric, String prompt, String reference, List<String> choices) {
        Settings settings = Settings.defaults();
        return PromptTask.multipleChoice(TaskId.parse("r/m/b/i/default/0"), prompt, AnswerKey.of(Extraction.LIKELIHOOD,
                metric, reference, List.of(), null), TaskSetup.of(Category.COMPREHENSION, settings,
                "0123456789abcdef"), choices);
    }

    private static Completion completion(PromptTask task, List<ContinuationScore> scores) {
        return Completion.answered(task, "", ModelCall.now("sim", true, 3, 1, TokenUsage.NONE), scores);
    }
}
