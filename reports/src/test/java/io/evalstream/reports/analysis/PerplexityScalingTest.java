package io.evalstream.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.reports.analysis.ScalingReport.ScalingFit;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.TaskSample;
import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.LikelihoodScore;
import io.evalstream.contracts.Marking;
import io.evalstream.contracts.ModelInfo;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Predictable scaling on bits per byte: the loss of a perplexity benchmark is its corpus bits per byte. */
class PerplexityScalingTest {

    /** Bits per byte falling as 10 x^-0.2 over three sizes; the fit recovers the law and predicts the fourth. */
    @Test
    void bitsPerByteAreTheLossAndALargerMemberIsPredicted() {
        Map<String, Double> sizes = Map.of("tiny-s", 1e5, "tiny-m", 2e5, "tiny-l", 4e5);
        List<TaskSample> samples = new ArrayList<>();
        sizes.forEach((model, x) -> {
            double bitsPerByte = 10 * Math.pow(x, -0.2);
            // two texts of different length with the same bits per byte, so the corpus figure is exactly it
            samples.add(measured(model, "t1", bitsPerByte, 40));
            samples.add(measured(model, "t2", bitsPerByte, 200));
        });
        Map<String, ModelInfo> info = Map.of("tiny-s", new ModelInfo("tiny", 1e5, null),
                "tiny-m", new ModelInfo("tiny", 2e5, null), "tiny-l", new ModelInfo("tiny", 4e5, null));
        FamilyMembers members = FamilyMembers.of(info, "tiny", ScaleAxis.PARAMETERS);

        Map<String, Map<String, Double>> means = CellMeans.of(samples, members.withX().keySet());
        ScalingFit fit = ScalingAnalysis.of("r", "tiny", ScaleAxis.PARAMETERS, members, means,
                OptionalDouble.of(8e5)).benchmarks().getFirst();

        // to the nano-nat the sums keep
        assertThat(fit.points()).extracting(ScalingReport.ScalingPoint::loss).satisfiesExactly(
                loss -> assertThat(loss).isCloseTo(10 * Math.pow(1e5, -0.2), within(1e-9)),
                loss -> assertThat(loss).isCloseTo(10 * Math.pow(2e5, -0.2), within(1e-9)),
                loss -> assertThat(loss).isCloseTo(10 * Math.pow(4e5, -0.2), within(1e-9)));
        assertThat(fit.lossFit().b()).isCloseTo(-0.2, within(1e-6));
        assertThat(fit.prediction().loss()).isCloseTo(10 * Math.pow(8e5, -0.2), within(1e-6));
    }

    private static TaskSample measured(String model, String item, double bitsPerByte, long bytes) {
        TaskId task = new TaskId("r", model, "story-text", item, "default", 0);
        LikelihoodScore score = new LikelihoodScore(null, -bitsPerByte * Math.log(2) * bytes, bytes, bytes / 4);
        Grade grade = Grade.of(task, new Marking(Verdict.MEASURED, Math.pow(2, -bitsPerByte), null, item),
                new GradeContext(Category.WRITING, null, "likelihood/bits_per_byte@1", "0123456789abcdef",
                        Instant.EPOCH), CallFacts.of(1, false), Evidence.measured(score));
        return new TaskSample(task, GradedSample.of(grade));
    }
}
