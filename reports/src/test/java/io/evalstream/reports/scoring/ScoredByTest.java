package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.reports.Fixtures;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Scorer;
import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Verdict;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 19: the analyses (compare, sensitivity) read a sample as any one of its scorers graded it. */
@Timeout(10)
class ScoredByTest {

    private static final TaskId TASK = TaskId.parse("run-s/sim-strong/gsm8k/1/default/0");
    private static final List<Scorer> SCORERS = List.of(new Scorer("flexible", "numeric", "numeric_equal"),
            new Scorer("strict", "answer_is", "numeric_equal"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            the headline, asked for by no name | -        | 1 | CORRECT
            the headline, asked for by name    | flexible | 1 | CORRECT
            the second scorer                  | strict   | 1 | NO_ANSWER
            a scorer the grade does not have   | lenient  | 0 | -
            """)
    void aSampleIsReadAsTheAskedScorerGradedItAndLeftOutWithoutIt(String what, String scorer, int kept,
            Verdict verdict) {
        Grade grade = Fixtures.grade(TASK, Verdict.CORRECT).withScores(List.of(
                new ScorerVerdict("flexible", Verdict.CORRECT, 1.0, "18"),
                new ScorerVerdict("strict", Verdict.NO_ANSWER, 0.0, null)), SCORERS);

        List<TaskSample> read = new java.util.ArrayList<>();
        TaskSample.scoredBy(List.of(new TaskSample(TASK, GradedSample.of(grade))), scorer).forEach(read::add);

        assertThat(read).hasSize(kept);
        if (kept == 1) {
            assertThat(read.getFirst().sample().verdict()).isEqualTo(verdict);
            assertThat(read.getFirst().sample().score()).isEqualTo(verdict == Verdict.CORRECT ? 1.0 : 0.0);
        }
    }
}
