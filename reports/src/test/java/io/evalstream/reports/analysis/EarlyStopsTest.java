package io.evalstream.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.StopDecision;
import io.evalstream.contracts.StopRule;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Verdict;
import io.evalstream.reports.scoring.CellLabels;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.SampleCall;
import io.evalstream.reports.scoring.TaskSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EarlyStopsTest {

    private static final Instant AT = Instant.parse("2026-12-07T09:00:00Z");
    private static final StopRule DECIDED = new StopRule(List.of("sim-a", "sim-b"), StopRule.When.DECIDED, 0.05, 0);

    private static TaskSample task(String model, String item, int sample, Verdict verdict, ErrorKind kind) {
        GradedSample graded = GradedSample.of(new ScoreKey(Samples.RUN, model, "gsm8k"), verdict,
                verdict == Verdict.CORRECT ? 1 : 0, new CellLabels(Category.MATH, "hash"))
                .withCall(SampleCall.NONE.failed(kind, null));
        return new TaskSample(new TaskId(Samples.RUN, model, "gsm8k", item, "default", sample), graded);
    }

    @Test
    void pairsFirstSamplesOfTheSameItemAndLeavesOutOthers() {
        List<TaskSample> samples = List.of(
                task("sim-a", "i1", 0, Verdict.CORRECT, null), task("sim-b", "i1", 0, Verdict.INCORRECT, null),
                task("sim-a", "i2", 0, Verdict.ERROR, ErrorKind.TIMEOUT), task("sim-b", "i2", 0, Verdict.CORRECT, null),
                task("sim-a", "i3", 0, Verdict.CORRECT, null), task("sim-b", "i3", 0, Verdict.CORRECT, null),
                // not paired: a later sample, an item only A has, an item stopped early, another model
                task("sim-a", "i4", 1, Verdict.CORRECT, null), task("sim-b", "i4", 1, Verdict.INCORRECT, null),
                task("sim-a", "i5", 0, Verdict.CORRECT, null),
                task("sim-a", "i6", 0, Verdict.CORRECT, null),
                task("sim-b", "i6", 0, Verdict.ERROR, ErrorKind.STOPPED_EARLY),
                task("sim-c", "i1", 0, Verdict.INCORRECT, null));

        assertThat(EarlyStops.pair(samples, DECIDED))
                .containsExactlyEntriesOf(java.util.Map.of("gsm8k", new EarlyStops.Pairs(1, 1, 3)));
    }

    /** Discordant pairs only decide: 60 of 60 for B is far past the alpha/2 confidence sequence, 6 of 10 is not. */
    @ParameterizedTest(name = "aOnly={0} bOnly={1} pairs={2} when={3} margin={4} -> {5}")
    @CsvSource(textBlock = """
            0,  60, 200,  DECIDED, 0,    B_BETTER
            60, 0,  200,  DECIDED, 0,    A_BETTER
            60, 0,  200,  FUTILE,  0.1,  NONE
            4,  6,  20,   DECIDED, 0,    NONE
            4,  6,  20,   EITHER,  0.1,  NONE
            10, 10, 3000, FUTILE,  0.05, FUTILE
            10, 10, 3000, DECIDED, 0.05, NONE
            10, 10, 3000, EITHER,  0.05, FUTILE
            """)
    void stopsOnlyOnOutcomesTheRuleAccepts(long aOnly, long bOnly, long pairs, StopRule.When when, double margin,
            String expected) {
        StopRule rule = new StopRule(List.of("sim-a", "sim-b"), when, 0.05, margin);

        Optional<StopDecision> decision = EarlyStops.decide("run-1", "gsm8k", new EarlyStops.Pairs(aOnly, bOnly,
                pairs), rule, AT);

        assertThat(decision.map(d -> d.outcome().name()).orElse("NONE")).isEqualTo(expected);
        decision.ifPresent(d -> {
            assertThat(d.pairs()).isEqualTo(pairs);
            assertThat(d.test()).isEqualTo(EarlyStops.TEST);
            assertThat(d.rule()).isEqualTo(rule);
        });
    }

    @Test
    void aSimulatedTenPointGapIsDecidedForBBeforeAllItems() {
        java.util.Random random = new java.util.Random(7);
        List<TaskSample> samples = new ArrayList<>();
        Optional<StopDecision> decision = Optional.empty();
        int items = 0;
        while (decision.isEmpty() && items < 1319) {
            String item = "item-" + items++;
            samples.add(task("sim-a", item, 0, random.nextDouble() < 0.6 ? Verdict.CORRECT : Verdict.INCORRECT, null));
            samples.add(task("sim-b", item, 0, random.nextDouble() < 0.7 ? Verdict.CORRECT : Verdict.INCORRECT, null));
            if (items % 50 == 0) {
                decision = EarlyStops.decide("run-1", "gsm8k", EarlyStops.pair(samples, DECIDED).get("gsm8k"),
                        DECIDED, AT);
            }
        }
        assertThat(decision).map(StopDecision::outcome).contains(StopDecision.Outcome.B_BETTER);
        assertThat(items).isLessThan(1319);
    }
}
