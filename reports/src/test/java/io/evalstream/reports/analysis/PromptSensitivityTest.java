package io.evalstream.reports.analysis;

import static io.evalstream.reports.analysis.Samples.sample;
import static io.evalstream.reports.analysis.Samples.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.reports.analysis.VariantSpread.VariantScore;
import io.evalstream.reports.render.ReportJson;
import io.evalstream.reports.scoring.TaskSample;
import io.evalstream.contracts.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PromptSensitivityTest {

    /**
     * m1 on mmlu in three variants, 4 items each: default 3/4 = 0.75, terse 1/4 = 0.25 (one ERROR counts wrong),
     * cot 4/4 = 1.0. min 0.25 (terse), max 1.0 (cot), spread 0.75; mean 2/3, squared deviations
     * (0.75 - 2/3)^2 + (0.25 - 2/3)^2 + (1 - 2/3)^2 = 1/144 + 25/144 + 16/144 = 42/144, variance 21/144,
     * sd = sqrt(21)/12 = 0.3818813.
     */
    @Test
    void reportsEachVariantsScoreAndTheirSpread() throws Exception {
        List<TaskSample> samples = new ArrayList<>();
        add(samples, "m1", "mmlu", "default", Verdict.CORRECT, Verdict.CORRECT, Verdict.CORRECT, Verdict.INCORRECT);
        add(samples, "m1", "mmlu", "terse", Verdict.CORRECT, Verdict.ERROR, Verdict.NO_ANSWER, Verdict.INCORRECT);
        add(samples, "m1", "mmlu", "cot", Verdict.CORRECT, Verdict.CORRECT, Verdict.CORRECT, Verdict.CORRECT);
        add(samples, "m1", "gsm8k", "default", Verdict.CORRECT);

        SensitivityReport report = PromptSensitivity.of("run-1", samples);

        assertThat(report.samples()).isEqualTo(13);
        assertThat(report.spreads()).hasSize(1);
        VariantSpread spread = report.spreads().getFirst();
        assertThat(spread.modelId()).isEqualTo("m1");
        assertThat(spread.benchmarkId()).isEqualTo("mmlu");
        assertThat(spread.variants()).containsExactly(new VariantScore("cot", 4, 1.0, 1.0),
                new VariantScore("default", 4, 0.75, 0.75), new VariantScore("terse", 4, 0.25, 0.25));
        assertThat(spread.min()).isEqualTo(0.25);
        assertThat(spread.max()).isEqualTo(1.0);
        assertThat(spread.spread()).isEqualTo(0.75);
        assertThat(spread.stdDev()).isCloseTo(Math.sqrt(21) / 12, within(1e-12));
        assertThat(spread.bestVariant()).isEqualTo("cot");
        assertThat(spread.worstVariant()).isEqualTo("terse");
        assertThat(ReportJson.mapper().readValue(ReportJson.mapper().writeValueAsString(report),
                SensitivityReport.class)).as("read back by a client from the aggregator's answer").isEqualTo(report);
    }

    @Test
    void partialScoresHaveAMeanButNoAccuracyAndTiesGoToTheFirstVariantById() {
        List<TaskSample> samples = List.of(
                task("m1", "squad", "q1", "b", sample("m1", "squad", Verdict.INCORRECT, 0.5)),
                task("m1", "squad", "q1", "a", sample("m1", "squad", Verdict.INCORRECT, 0.5)),
                task("m2", "squad", "q1", "a", sample("m2", "squad", Verdict.INCORRECT, 0.5)));

        SensitivityReport report = PromptSensitivity.of("run-1", samples);

        VariantSpread spread = report.spreads().getFirst();
        assertThat(report.spreads()).hasSize(1);
        assertThat(spread.variants()).extracting(VariantScore::accuracy).containsOnlyNulls();
        assertThat(spread.spread()).isZero();
        assertThat(spread.stdDev()).isZero();
        assertThat(spread.bestVariant()).isEqualTo("a");
        assertThat(spread.worstVariant()).isEqualTo("a");
    }

    @Test
    void aRunWithoutSamplesHasNoSpreads() {
        SensitivityReport report = PromptSensitivity.of("run-1", List.of());
        assertThat(report.samples()).isZero();
        assertThat(report.spreads()).isEmpty();
    }

    private static void add(List<TaskSample> samples, String model, String benchmark, String variant,
            Verdict... verdicts) {
        for (int i = 0; i < verdicts.length; i++) {
            samples.add(task(model, benchmark, "item-" + i, variant, sample(model, benchmark, verdicts[i])));
        }
    }
}
