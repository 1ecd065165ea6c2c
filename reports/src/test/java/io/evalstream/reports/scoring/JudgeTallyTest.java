package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Verdict;
import io.evalstream.reports.Fixtures;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Judge scores per rubric dimension through a tally's add and subtract, driven the way Kafka Streams drives
 * it: each new grade of a task subtracts the task's previous grade first, a tombstone only subtracts.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JudgeTallyTest {

    private static final ScoreKey CELL = new ScoreKey("run-j", "stories260K", "stories");
    private static final CellLabels WRITING = new CellLabels(Category.WRITING, "h");

    /** {@code 8/6/7} is a JUDGED sample (grammar/creativity/consistency), {@code E} an ERROR, {@code C} a CORRECT. */
    private static GradedSample sample(String text) {
        return switch (text) {
            case "E" -> GradedSample.of(CELL, Verdict.ERROR, 0.0, WRITING);
            case "C" -> GradedSample.of(CELL, Verdict.CORRECT, 1.0, WRITING);
            default -> {
                String[] parts = text.split("/");
                Map<String, Double> scores = Map.of("grammar", Double.valueOf(parts[0]),
                        "creativity", Double.valueOf(parts[1]), "consistency", Double.valueOf(parts[2]));
                double normalized = (scores.values().stream().mapToDouble(Double::doubleValue).average()
                        .orElseThrow() - 1) / 9;
                yield GradedSample.of(CELL, Verdict.JUDGED, normalized, WRITING)
                        .withDetail(SampleDetail.judged(scores, Map.of("age_group", "B: 4-5")));
            }
        };
    }

    /** Plays {@code task=sample} (a new grade of the task) and {@code task=-} (the task's grade removed). */
    private static Tally play(String events) {
        Map<String, GradedSample> latest = new HashMap<>();
        Tally tally = Tally.EMPTY;
        for (String event : events.split(" ")) {
            String[] parts = event.split("=");
            GradedSample old = latest.remove(parts[0]);
            if (old != null) {
                tally = tally.subtract(old);
            }
            if (!parts[1].equals("-")) {
                latest.put(parts[0], sample(parts[1]));
                tally = tally.add(latest.get(parts[0]));
            }
        }
        return tally;
    }

    private static Map<String, DimensionScore> byDimension(Tally tally) {
        Map<String, DimensionScore> scores = new LinkedHashMap<>();
        tally.judgeScores().forEach(score -> scores.put(score.dimension(), score));
        return scores;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", textBlock = """
            # events (task=grade, task=- removes),      graded, judged, errors, grammar n, grammar mean, grammar SE, creativity mean
            t1=8/6/7,                                        1,      1,      0,         1,          8.0,       null,        6.0
            t1=8/6/7 t2=6/4/7,                               2,      2,      0,         2,          7.0,        1.0,        5.0
            # the same grade delivered three times counts once
            t1=8/6/7 t1=8/6/7 t1=8/6/7 t2=6/4/7,             2,      2,      0,         2,          7.0,        1.0,        5.0
            # a newer grade of t1 replaces the old one's scores in every dimension
            t1=8/6/7 t2=6/4/7 t1=10/8/7,                     2,      2,      0,         2,          8.0,        2.0,        6.0
            # removing a task takes its scores back
            t1=8/6/7 t2=6/4/7 t3=1/1/1 t3=-,                 2,      2,      0,         2,          7.0,        1.0,        5.0
            # a judge that failed is an error: counted, no judge scores
            t1=8/6/7 t2=E,                                   2,      1,      1,         1,          8.0,       null,        6.0
            # a judged task later errors: its scores leave, the error stays
            t1=8/6/7 t2=6/4/7 t2=E,                          2,      1,      1,         1,          8.0,       null,        6.0
            # an errored task later judged
            t1=E t1=9/9/9 t2=5/5/5,                          2,      2,      0,         2,          7.0,        2.0,        7.0
            t1=8/6/7 t2=6/4/7 t1=- t2=-,                     0,      0,      0,         0,         null,       null,       null
            t1=E,                                            1,      0,      1,         0,         null,       null,       null
            """)
    void judgeScoresFollowTheLatestGradeOfEveryTask(String events, long graded, long judged, long errors,
            long grammarCount, Double grammarMean, Double grammarStdErr, Double creativityMean) {
        Tally tally = play(events);

        assertThat(tally).extracting(Tally::graded, Tally::judged, Tally::errors)
                .containsExactly(graded, judged, errors);
        DimensionScore grammar = byDimension(tally).get("grammar");
        if (grammarCount == 0) {
            assertThat(grammar).isNull();
            assertThat(tally.judgeScores()).isEmpty();
            return;
        }
        assertThat(grammar.judged()).isEqualTo(grammarCount);
        assertThat(grammar.mean()).isCloseTo(grammarMean, within(1e-12));
        if (grammarStdErr == null) {
            assertThat(grammar.stdErr()).isNull();
        } else {
            assertThat(grammar.stdErr()).isCloseTo(grammarStdErr, within(1e-12));
        }
        assertThat(byDimension(tally).get("creativity").mean()).isCloseTo(creativityMean, within(1e-12));
        assertThat(byDimension(tally).keySet()).containsExactly("consistency", "creativity", "grammar");
    }

    @Test
    void replacingAndRemovingGradesAgreesWithTallyingTheSurvivorsFromScratch() {
        Tally played = play("t1=8/6/7 t2=6/4/7 t3=3/3/9 t1=10/8/7 t2=E t4=7/7/7 t3=- t2=5/9/2 t4=7/7/7");

        Tally fresh = play("t1=10/8/7 t2=5/9/2 t4=7/7/7");

        assertThat(played.graded()).isEqualTo(fresh.graded());
        assertThat(played.judged()).isEqualTo(fresh.judged());
        List<DimensionScore> expected = fresh.judgeScores();
        List<DimensionScore> actual = played.judgeScores();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).dimension()).isEqualTo(expected.get(i).dimension());
            assertThat(actual.get(i).judged()).isEqualTo(expected.get(i).judged());
            assertThat(actual.get(i).mean()).isCloseTo(expected.get(i).mean(), within(1e-9));
            assertThat(actual.get(i).stdErr()).isCloseTo(expected.get(i).stdErr(), within(1e-9));
        }
        assertThat(played.sums().scoreSum()).isCloseTo(fresh.sums().scoreSum(), within(1e-9));
    }

    @Test
    void anEmptiedCellForgetsItsDimensionsExactly() {
        Tally emptied = play("t1=8/6/7 t2=6/4/7 t1=- t2=-");

        assertThat(emptied.dimensions()).isEmpty();
        assertThat(emptied.sums().scoreSum()).isZero();
        assertThat(emptied.judged()).isZero();
    }

    @Test
    void aCellCountsAtMostSixteenDimensionsAndLeavesTheRestOutOnAddAndSubtractAlike() {
        Tally tally = Tally.EMPTY;
        for (int i = 0; i < GradedSample.MAX_DIMENSIONS; i++) {
            tally = tally.add(oneDimension("d" + (char) ('a' + i), 5.0));
        }
        GradedSample extra = oneDimension("zz", 9.0);

        assertThat(tally.ignoredDimensions(extra)).containsExactly("zz");
        Tally withExtra = tally.add(extra);

        assertThat(withExtra.dimensions()).hasSize(GradedSample.MAX_DIMENSIONS).doesNotContainKey("zz");
        assertThat(withExtra.judged()).isEqualTo(GradedSample.MAX_DIMENSIONS + 1);
        // a dimension whose last score left keeps its slot, so "zz" still has no room and is not subtracted
        Tally emptiedOne = withExtra.subtract(oneDimension("da", 5.0));
        assertThat(emptiedOne.ignoredDimensions(extra)).containsExactly("zz");
        Tally back = emptiedOne.subtract(extra);
        assertThat(back.judgeScores()).hasSize(GradedSample.MAX_DIMENSIONS - 1)
                .allSatisfy(score -> assertThat(score.mean()).isEqualTo(5.0));
        assertThat(back.graded()).isEqualTo(GradedSample.MAX_DIMENSIONS - 1);
    }

    @Test
    void oneGradeNamingMoreThanSixteenDimensionsKeepsTheFirstSixteenByName() {
        Map<String, Double> scores = new HashMap<>();
        IntStream.range(0, 40).forEach(i -> scores.put("dim%02d".formatted(i), 3.0));

        GradedSample sample = GradedSample.of(CELL, Verdict.JUDGED, 0.2, WRITING)
                .withDetail(SampleDetail.judged(scores, Map.of("age_group", "x".repeat(500))));

        assertThat(sample.detail().judgeScores()).hasSize(GradedSample.MAX_DIMENSIONS).containsKey("dim00")
                .containsKey("dim15").doesNotContainKey("dim16");
    }

    @Test
    void subtractingAJudgeScoreThatWasNeverAddedIsABug() {
        Tally tally = play("t1=8/6/7");

        assertThatThrownBy(() -> tally.subtract(sample("8/6/7")).subtract(sample("8/6/7")))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}: accuracy {1}")
    @CsvSource(nullValues = "null", textBlock = """
            # events,                                   accuracy, ci95Low is null, mean score
            t1=10/10/10 t2=1/1/1,                           null,  true,  0.5
            # errors beside judged answers: still no accuracy, the error pulls the mean score down
            t1=10/10/10 t2=E,                               null,  true,  0.5
            # a mixed cell: accuracy over the right-or-wrong grades only, judged ones left out
            t1=10/10/10 t2=C t3=E,                          0.5,  false,  0.6666666666666666
            t1=E,                                            0.0,  false,  0.0
            """)
    void accuracyLeavesJudgedAnswersOutAndIsNullForAJudgedCell(String events, Double accuracy, boolean noInterval,
            double meanScore) {
        BenchmarkScore score = Scoring.score(CELL, play(events), null, Fixtures.T0);

        assertThat(score.accuracy().value()).isEqualTo(accuracy);
        assertThat(score.accuracy().low() == null).isEqualTo(noInterval);
        assertThat(score.accuracy().high() == null).isEqualTo(noInterval);
        assertThat(score.meanScore().value()).isCloseTo(meanScore, within(1e-12));
        assertThat(score.counts().judged()).isEqualTo(play(events).judged());
    }

    @Test
    void theSnapshotCarriesJudgedCountAndScoresPerDimension() {
        BenchmarkScore score = Scoring.score(CELL, play("t1=8/6/7 t2=6/4/7 t3=E"), null, Fixtures.T0);

        assertThat(score.counts().judged()).isEqualTo(2);
        assertThat(score.counts().errors()).isEqualTo(1);
        assertThat(score.graded()).isEqualTo(3);
        assertThat(score.detail().judgeScores()).extracting(DimensionScore::dimension)
                .containsExactly("consistency", "creativity", "grammar");
        assertThat(score.detail().judgeScores().getFirst()).isEqualTo(new DimensionScore("consistency", 2, 7.0, 0.0));
        assertThat(score.meanScore().stdErr()).isNotNull();
    }

    private static GradedSample oneDimension(String dimension, double score) {
        return GradedSample.of(CELL, Verdict.JUDGED, (score - 1) / 9, WRITING)
                .withDetail(SampleDetail.judged(Map.of(dimension, score), null));
    }
}
