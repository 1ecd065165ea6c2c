package io.evalstream.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.reports.analysis.ScalingReport.ScalingFit;
import io.evalstream.reports.analysis.ScalingReport.ScalingPoint;
import io.evalstream.contracts.ModelInfo;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ScalingAnalysisTest {

    /** Three llama sizes at 1e21, 1e22, 1e23 FLOPs, one without compute, and a model of another family. */
    private static final Map<String, ModelInfo> INFO = Map.of(
            "llama-s", new ModelInfo("llama", 1e9, 1e21),
            "llama-m", new ModelInfo("llama", 1e10, 1e22),
            "llama-l", new ModelInfo("llama", 1e11, 1e23),
            "llama-x", new ModelInfo("llama", 1e12, null),
            "gpt-s", new ModelInfo("gpt", 1e9, 1e21));

    /** loss = 50 * flops^-0.1 on gsm8k: 0.4 at 1e21... exactly. */
    private static double gsm8kScore(double flops) {
        return 1 - 50 * Math.pow(flops, -0.1);
    }

    @Test
    void membersAreSplitByWhetherTheirMetadataGivesTheAxis() {
        FamilyMembers flops = FamilyMembers.of(INFO, "llama", ScaleAxis.TRAINING_FLOPS);
        assertThat(flops.withX()).containsOnlyKeys("llama-s", "llama-m", "llama-l");
        assertThat(flops.withoutX()).containsExactly("llama-x");
        assertThat(FamilyMembers.of(INFO, "llama", ScaleAxis.PARAMETERS).withX()).hasSize(4);
        assertThat(FamilyMembers.of(INFO, "mistral", ScaleAxis.PARAMETERS).unknownFamily()).isTrue();
    }

    @Test
    void lossPerBenchmarkIsFittedAndALargerMemberPredicted() {
        Map<String, Map<String, Double>> means = Map.of(
                "llama-s", Map.of("gsm8k", gsm8kScore(1e21), "mmlu", 0.5),
                "llama-m", Map.of("gsm8k", gsm8kScore(1e22), "mmlu", 0.6),
                "llama-l", Map.of("gsm8k", gsm8kScore(1e23)));
        FamilyMembers members = FamilyMembers.of(INFO, "llama", ScaleAxis.TRAINING_FLOPS);

        ScalingReport report = ScalingAnalysis.of("run-1", "llama", ScaleAxis.TRAINING_FLOPS, members, means,
                OptionalDouble.of(1e24));

        assertThat(report.x()).isEqualTo("trainingFlops");
        assertThat(report.withoutX()).containsExactly("llama-x");
        assertThat(report.benchmarks()).extracting(ScalingFit::benchmarkId).containsExactly("gsm8k", "mmlu");
        ScalingFit gsm8k = report.benchmarks().getFirst();
        assertThat(gsm8k.points()).extracting(ScalingPoint::modelId).containsExactly("llama-s", "llama-m", "llama-l");
        assertThat(gsm8k.points().getFirst().loss()).isCloseTo(50 * Math.pow(1e21, -0.1), within(1e-12));
        assertThat(gsm8k.lossFit().b()).isCloseTo(-0.1, within(1e-9));
        assertThat(gsm8k.lossFit().a()).isCloseTo(50, within(1e-6));
        double loss = 50 * Math.pow(1e24, -0.1);
        assertThat(gsm8k.prediction().loss()).isCloseTo(loss, within(1e-9));
        assertThat(gsm8k.prediction().score()).isCloseTo(1 - loss, within(1e-9));
        assertThat(gsm8k.prediction().scoreLow()).isCloseTo(1 - gsm8k.prediction().lossHigh(), within(1e-12));
        assertThat(gsm8k.note()).isNull();
        // mmlu: two members, an exact fit with no interval.
        ScalingFit mmlu = report.benchmarks().get(1);
        assertThat(mmlu.points()).hasSize(2);
        assertThat(mmlu.lossFit().bStdErr()).isNull();
        assertThat(mmlu.prediction().lossLow()).isNull();
        // overall: the benchmarks every member has, i.e. gsm8k only.
        assertThat(report.overall().note()).isEqualTo("mean over gsm8k");
        assertThat(report.overall().lossFit().b()).isCloseTo(-0.1, within(1e-9));
    }

    @Test
    void aBenchmarkThatCannotBeFittedSaysWhyAndTheOthersStillAre() {
        Map<String, Map<String, Double>> means = Map.of(
                "llama-s", Map.of("gsm8k", 0.5, "mmlu", 0.5, "arc", 0.3),
                "llama-m", Map.of("gsm8k", 1.0, "mmlu", 0.6),
                "llama-l", Map.of("gsm8k", 0.9, "mmlu", 0.7));
        ScalingReport report = ScalingAnalysis.of("run-1", "llama", ScaleAxis.TRAINING_FLOPS,
                FamilyMembers.of(INFO, "llama", ScaleAxis.TRAINING_FLOPS), means, OptionalDouble.empty());

        assertThat(report.benchmarks()).extracting(ScalingFit::benchmarkId).containsExactly("arc", "gsm8k", "mmlu");
        assertThat(report.benchmarks().get(0).lossFit()).isNull();
        assertThat(report.benchmarks().get(0).note()).contains("two or more different x");
        assertThat(report.benchmarks().get(1).lossFit()).isNull();
        assertThat(report.benchmarks().get(1).note()).contains("llama-m has loss 0");
        assertThat(report.benchmarks().get(2).lossFit()).isNotNull();
        assertThat(report.benchmarks().get(2).prediction()).isNull();
        assertThat(report.overall().note()).isEqualTo("mean over gsm8k, mmlu");
        assertThat(report.overall().points()).extracting(ScalingPoint::score)
                .containsExactly(0.5, 0.8, 0.8);
    }
}
