package io.evalstream.worker.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.ContinuationScore;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulator's pseudo log-probabilities: reproducible, the reference first at the profile's accuracy. */
class SimLikelihoodsTest {

    @ParameterizedTest(name = "accuracy {0}")
    @CsvSource(textBlock = """
            1.0, 1.0
            0.7, 0.7
            0.0, 0.0
            """)
    void theReferenceHasTheHighestLogProbabilityAtTheProfilesAccuracy(double accuracy, double expected) {
        SimulatedModel model = new SimulatedModel(new SimProfile(accuracy, Map.of(), Duration.ZERO, 0, 0, 0, 7));
        long first = IntStream.range(0, 2_000).filter(i -> {
            PromptTask task = choice(i);
            List<ContinuationScore> scores = model.answer(task).scores();
            int best = IntStream.range(0, scores.size()).boxed()
                    .max((a, b) -> Double.compare(scores.get(a).logprob(), scores.get(b).logprob())).orElseThrow();
            return best == task.referenceChoice();
        }).count();

        assertThat(first / 2_000.0).isCloseTo(expected, within(0.03));
    }

    @Test
    void aTextGetsFewerBitsPerByteFromAStrongerProfileAndTheSameEveryTime() {
        SimulatedModel strong = new SimulatedModel(new SimProfile(0.9, Map.of(), Duration.ZERO, 0, 0, 0, 1));
        SimulatedModel weak = new SimulatedModel(new SimProfile(0.3, Map.of(), Duration.ZERO, 0, 0, 0, 1));
        PromptTask text = PromptTask.of(TaskId.parse("r/m/story-text/t1/default/0"), Purpose.EVAL,
                "Mia went to the park with a happy duck.", AnswerKey.of(Extraction.LIKELIHOOD, Metric.BITS_PER_BYTE,
                "t1", List.of(), null), TaskSetup.of(Category.WRITING, Settings.defaults(), "0123456789abcdef"));

        assertThat(strong.answer(text).scores()).isEqualTo(strong.answer(text).scores()).hasSize(1);
        assertThat(strong.answer(text).scores().getFirst().logprob())
                .isGreaterThan(weak.answer(text).scores().getFirst().logprob());
    }

    private static PromptTask choice(int item) {
        return PromptTask.multipleChoice(TaskId.parse("r/m/endings/e" + item + "/default/0"), "Tom lost his kite.",
                AnswerKey.of(Extraction.LIKELIHOOD, Metric.LIKELIHOOD_ACC, Integer.toString(item % 4), List.of(),
                null), TaskSetup.of(Category.COMPREHENSION, Settings.defaults(), "0123456789abcdef"),
                List.of(" A kite.", " Dad helped.", " The fish swam.", " It rained."));
    }
}
