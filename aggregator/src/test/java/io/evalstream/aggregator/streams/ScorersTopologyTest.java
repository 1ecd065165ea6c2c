package io.evalstream.aggregator.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.evalstream.aggregator.metrics.ScoreGaugesProbe;
import io.evalstream.benchmarks.grading.Grader;
import io.evalstream.contracts.Answer;
import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.Scorer;
import io.evalstream.contracts.ScorerScore;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.SettingsHash;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.contracts.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: GSM8K scored by a flexible and a strict scorer, the completions graded by the real grader. A simulated
 * model that states "The answer is" in 12 answers out of 20 and only works it out in 6 more scores 18/20 flexibly and
 * 12/20 strictly, in the cell's snapshot, on the Prometheus page and however often its grades are redelivered.
 */
class ScorersTopologyTest extends TopologyHarness {

    private static final List<Scorer> GSM8K = List.of(new Scorer("flexible", "numeric", "numeric_equal"),
            new Scorer("strict", "answer_is", "numeric_equal"));
    private static final String SIM = "[simulated] working through the problem step by step. ";

    @Test
    void strictAndFlexibleScoresDifferAsTheAnswersShapeSaysAndCountOnceEach() {
        List<Grade> graded = new ArrayList<>();
        for (int item = 0; item < 20; item++) {
            String text = item < 12 ? SIM + "9 * 2 = 18. The answer is 18." // stated: both scorers read it
                    : item < 18 ? SIM + "16 - 3 - 4 = 9 eggs, and 9 * 2 = 18" // not stated: only flexible reads it
                    : SIM + "The answer is 16."; // stated and wrong: neither
            graded.add(Grader.grade(completion(item, text), tick()));
        }
        graded.forEach(this::send);
        graded.subList(10, 16).forEach(this::send); // redelivered: must not count again

        BenchmarkScore cell = latestScores().get(RUN + "/sim-mixed/gsm8k");

        assertThat(cell.graded()).isEqualTo(20);
        assertThat(cell.accuracy().value()).isEqualTo(0.9); // the headline is the first scorer, flexible
        assertThat(cell.detail().scorers()).extracting(ScorerScore::scorer, ScorerScore::graded, ScorerScore::correct,
                s -> s.estimates().accuracy().value()).containsExactly(tuple("flexible", 20L, 18L, 0.9),
                tuple("strict", 20L, 12L, 0.6));
        assertThat(cell.scorer("strict").orElseThrow().estimates().accuracy().high()).isLessThan(
                cell.scorer("flexible").orElseThrow().estimates().accuracy().high());

        String page = ScoreGaugesProbe.scrape(cell);
        assertThat(page).contains("evalstream_scorer_accuracy_ratio{benchmark=\"gsm8k\",model=\"sim-mixed\","
                + "run=\"run-ttd\",scorer=\"strict\"} 0.6");
        assertThat(page).contains("evalstream_scorer_accuracy_ratio{benchmark=\"gsm8k\",model=\"sim-mixed\","
                + "run=\"run-ttd\",scorer=\"flexible\"} 0.9");
        assertThat(page).contains("evalstream_score_accuracy_ratio{benchmark=\"gsm8k\",model=\"sim-mixed\","
                + "run=\"run-ttd\"} 0.9");
    }

    @Test
    void aGradeReplacedByOneOfOtherVerdictsMovesEveryScorersCount() {
        Grade unstated = Grader.grade(completion(0, SIM + "9 * 2 = 18"), tick());
        Grade stated = Grader.grade(completion(0, SIM + "The answer is 18."), tick());

        send(unstated);
        send(stated);

        assertThat(latestScores().get(RUN + "/sim-mixed/gsm8k").detail().scorers())
                .extracting(ScorerScore::scorer, ScorerScore::graded, ScorerScore::correct)
                .containsExactly(tuple("flexible", 1L, 1L), tuple("strict", 1L, 1L));
    }

    private static Completion completion(int item, String text) {
        Settings settings = Settings.defaults().withShots(8);
        PromptTask task = PromptTask.of(new TaskId(RUN, "sim-mixed", "gsm8k", "item-" + item, "default", 0),
                Purpose.EVAL, "Question: ...\nAnswer:", new AnswerKey(Extraction.NUMERIC.name(),
                Metric.NUMERIC_EQUAL.name(), "18", List.of(), null), TaskSetup.of(Category.MATH, settings,
                SettingsHash.of(settings, Extraction.NUMERIC, Metric.NUMERIC_EQUAL, "default", ""))).withScorers(GSM8K);
        return Completion.of(task, Answer.ok(text), ModelCall.of("sim", true, 420, 1, new TokenUsage(180, 42),
                io.evalstream.reports.Fixtures.T0));
    }
}
