package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Verdict;
import io.evalstream.reports.Fixtures;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a grade's sample keeps, in which value, and what the tally's copy of it leaves out. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GradedSampleTest {

    private static final TaskId TASK = Fixtures.task("run-v", "sim-strong", "stories", 3);
    private static final SourcePosition AT = new SourcePosition(1, 42);

    @Test
    void aJudgedGradeFillsItsValues() {
        GradedSample sample = GradedSample.of(Fixtures.judged(TASK, 8, 5, 2, "B: 4-5"), AT);

        assertThat(sample.setup()).isEqualTo(new CellLabels(Category.WRITING, Fixtures.HASH));
        assertThat(sample.call()).isEqualTo(new SampleCall(640L, null, null, null, null));
        assertThat(sample.origin()).isEqualTo(new SampleOrigin(Fixtures.T0.toEpochMilli(), AT));
        assertThat(sample.detail().judgeScores()).containsExactly(Map.entry("consistency", 2.0),
                Map.entry("creativity", 5.0), Map.entry("grammar", 8.0));
        assertThat(sample.detail().labels()).containsExactly(Map.entry("age_group", "B: 4-5"));
    }

    @Test
    void aFailedGradeKeepsItsKindAndReasonInItsCall() {
        GradedSample sample = GradedSample.of(Fixtures.ungradable(TASK, "no sandbox"));

        assertThat(sample.call()).isEqualTo(new SampleCall(812L, null, null, ErrorKind.UNGRADABLE, "no sandbox"));
        assertThat(sample.unscored()).isTrue();
        assertThat(sample.detail()).isEqualTo(SampleDetail.NONE);
    }

    @Test
    void theTallysCopyLeavesOutSubsetLabelsAndPositionOnly() {
        GradedSample sample = GradedSample.of(Fixtures.judged(TASK, 8, 5, 2, "B: 4-5"), AT)
                .withSubset(new Subset("fables", null));

        GradedSample forTally = sample.forTally();

        assertThat(forTally.subset()).isNull();
        assertThat(forTally.detail().labels()).isNull();
        assertThat(forTally.origin()).isEqualTo(new SampleOrigin(Fixtures.T0.toEpochMilli(), null));
        assertThat(forTally.detail().judgeScores()).isEqualTo(sample.detail().judgeScores());
        assertThat(forTally.call()).isEqualTo(sample.call());
        assertThat(forTally.forTally()).isSameAs(forTally);
    }

    @ParameterizedTest
    @CsvSource({
            "0,   0, ",
            "0,   5, 0 5",
            "120, 0, 120 0"})
    void noTokensAreKeptAsNone(long prompt, long completion, String kept) {
        SampleCall call = SampleCall.took(10L, new TokenUsage(prompt, completion));

        assertThat(call.usage() == null ? null : call.usage().promptTokens() + " " + call.usage().completionTokens())
                .isEqualTo(kept);
        assertThat(call.usageOrNone()).isEqualTo(new TokenUsage(prompt, completion));
    }

    @ParameterizedTest
    @CsvSource({"-0.1", "1.5", "NaN"})
    void aScoreOutsideZeroToOneIsRefused(double score) {
        ScoreKey cell = TASK.scoreKey();
        CellLabels math = new CellLabels(Category.MATH, "h");

        assertThatThrownBy(() -> GradedSample.of(cell, Verdict.INCORRECT, score, math))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be in [0, 1]");
    }

    @Test
    void judgeScoresOffTheScaleAreRefused() {
        assertThatThrownBy(() -> SampleDetail.judged(Map.of("grammar", 11.0), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("judge scores must be in [1, 10]");
    }
}
