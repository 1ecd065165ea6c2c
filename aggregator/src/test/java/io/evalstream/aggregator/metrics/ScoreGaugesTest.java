package io.evalstream.aggregator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.aggregator.Fixtures;
import io.evalstream.aggregator.scoring.GradedSample;
import io.evalstream.aggregator.scoring.Scoring;
import io.evalstream.aggregator.scoring.Tally;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ScoreGaugesTest {

    private static final ScoreKey CELL = new ScoreKey("run-g", "sim-strong", "gsm8k");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScoreGauges gauges = new ScoreGauges(registry);

    private double gauge(String name) {
        return registry.get(name).tags("run", CELL.runId(), "model", CELL.modelId(), "benchmark", CELL.benchmarkId())
                .gauge().value();
    }

    private static Tally tally(long correct, long incorrect, long errors) {
        return Fixtures.tally(correct, incorrect, 0, errors, Category.MATH, "h");
    }

    @Test
    void aCellKnownOnlyFromItsManifestShowsExpectedAndZeroProgressButNoAccuracy() {
        gauges.manifestChanged(Fixtures.manifest("run-g", List.of("sim-strong"), List.of("gsm8k"), 40));

        assertThat(gauge("evalstream_expected_samples")).isEqualTo(40);
        assertThat(gauge("evalstream_graded_samples")).isZero();
        assertThat(gauge("evalstream_run_progress_ratio")).isZero();
        assertThat(gauge("evalstream_score_accuracy_ratio")).isNaN();
        assertThat(gauge("evalstream_score_ci95_lower_ratio")).isNaN();
        assertThat(gauge("evalstream_score_mean_ratio")).isNaN();
    }

    @Test
    void gaugesFollowTheLatestScoreAndTheManifestWhicheverComesFirst() {
        gauges.scoreChanged(Scoring.score(CELL, tally(5, 4, 1), null, Fixtures.T0));
        assertThat(gauge("evalstream_run_progress_ratio")).isNaN();
        assertThat(gauge("evalstream_expected_samples")).isNaN();

        gauges.manifestChanged(Fixtures.manifest("run-g", List.of("sim-strong"), List.of("gsm8k"), 20));
        gauges.scoreChanged(Scoring.score(CELL, tally(6, 4, 1), null, Fixtures.T0));

        assertThat(gauge("evalstream_graded_samples")).isEqualTo(11);
        assertThat(gauge("evalstream_correct_samples")).isEqualTo(6);
        assertThat(gauge("evalstream_error_samples")).isEqualTo(1);
        assertThat(gauge("evalstream_run_progress_ratio")).isEqualTo(0.55);
        assertThat(gauge("evalstream_score_accuracy_ratio")).isCloseTo(6.0 / 11, within(1e-12));
        assertThat(gauge("evalstream_score_ci95_lower_ratio")).isLessThan(6.0 / 11);
        assertThat(gauge("evalstream_score_ci95_upper_ratio")).isGreaterThan(6.0 / 11);
        assertThat(gauge("evalstream_score_mean_ratio")).isCloseTo(6.0 / 11, within(1e-12));
    }

    @Test
    void theMeanScoreGaugeShowsPartialCreditBesideAccuracy() {
        Tally partial = new Tally(4, 1, 3, 0, 0, 2.0, 1.5, Category.COMPREHENSION, "h");

        gauges.scoreChanged(Scoring.score(CELL, partial, null, Fixtures.T0));

        assertThat(gauge("evalstream_score_accuracy_ratio")).isEqualTo(0.25);
        assertThat(gauge("evalstream_score_mean_ratio")).isEqualTo(0.5);
    }

    @Test
    void seedingFromTheStoreFillsEmptyCellsButNeverHidesALiveScore() {
        ScoreKey other = new ScoreKey("run-g", "sim-weak", "gsm8k");
        gauges.scoreChanged(Scoring.score(CELL, tally(9, 0, 0), null, Fixtures.T0));

        gauges.seed(Map.of(CELL, tally(1, 0, 0), other, tally(2, 1, 0)), Fixtures.T0);

        assertThat(gauge("evalstream_graded_samples")).isEqualTo(9);
        assertThat(registry.get("evalstream_graded_samples").tags("model", "sim-weak").gauge().value()).isEqualTo(3);
    }

    @Test
    void aJudgedCellHasAJudgeScoreGaugePerDimensionAndNoAccuracy() {
        ScoreKey stories = new ScoreKey("run-g", "stories260K", "stories");
        Tally judged = Tally.EMPTY
                .add(new GradedSample(stories, Verdict.JUDGED, 0.5, Category.WRITING, "h", null,
                        Map.of("grammar", 8.0, "creativity", 4.0), null))
                .add(new GradedSample(stories, Verdict.JUDGED, 0.5, Category.WRITING, "h", null,
                        Map.of("grammar", 6.0, "creativity", 5.0), null));

        gauges.seed(Map.of(stories, judged), Fixtures.T0);
        gauges.scoreChanged(Scoring.score(stories, judged.add(new GradedSample(stories, Verdict.JUDGED, 0.5,
                Category.WRITING, "h", null, Map.of("grammar", 10.0, "creativity", 6.0), null)), null, Fixtures.T0));

        assertThat(judgeScore(stories, "grammar")).isEqualTo(8.0);
        assertThat(judgeScore(stories, "creativity")).isEqualTo(5.0);
        assertThat(registry.get("evalstream_judge_score_mean").gauges()).hasSize(2);
        assertThat(registry.get("evalstream_judged_samples").tags("model", "stories260K").gauge().value())
                .isEqualTo(3);
        assertThat(registry.get("evalstream_score_accuracy_ratio").tags("model", "stories260K").gauge().value())
                .isNaN();
        gauges.judgeDimensionsIgnored(2);
        assertThat(registry.get("evalstream_judge_dimensions_ignored").counter().count()).isEqualTo(2);
    }

    private double judgeScore(ScoreKey cell, String dimension) {
        return registry.get("evalstream_judge_score_mean").tags("run", cell.runId(), "model", cell.modelId(),
                "benchmark", cell.benchmarkId(), "dimension", dimension).gauge().value();
    }

    @Test
    void deadLettersAreCountedPerSourceTopicFromZero() {
        assertThat(registry.get("evalstream_dead_letters").tags("topic", Topics.GRADES).counter().count()).isZero();

        gauges.deadLettered(Topics.GRADES);
        gauges.deadLettered(Topics.GRADES);
        gauges.manifestRejected();

        assertThat(registry.get("evalstream_dead_letters").tags("topic", Topics.GRADES).counter().count()).isEqualTo(2);
        assertThat(registry.get("evalstream_invalid_manifests").counter().count()).isEqualTo(1);
    }
}
