package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.LikelihoodScore;
import io.evalstream.contracts.Marking;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikelihoodSumsTest {

    private static final ScoreKey CELL = new ScoreKey("r", "m", "story-text");

    /** Texts of very different length: the corpus figure weighs bytes, a mean of ratios would not. */
    @ParameterizedTest(name = "[{index}] {0} nats / {1} bytes and {2} / {3}")
    @CsvSource(textBlock = """
            -69.3147, 100, -2.0794, 1,   1.0198, 2.0
            -10.0,    10,  -1000.0, 1000, 1.4426950, 1.4426950
            -0.1234567891, 7, -3.3, 33, 0.1235, 0.0849
            """)
    void bitsPerByteAreSumOfNatsOverSumOfBytes(double nats1, long bytes1, double nats2, long bytes2,
            double corpusAbout, double meanOfRatiosAbout) {
        Tally tally = Tally.EMPTY.add(sample(1, nats1, bytes1)).add(sample(2, nats2, bytes2));

        double expected = -(nats1 + nats2) / Math.log(2) / (bytes1 + bytes2);
        assertThat(tally.likelihoodFigures().bitsPerByte()).isCloseTo(expected, within(1e-9));
        assertThat(expected).isCloseTo(corpusAbout, within(1e-3));
        double meanOfRatios = (-nats1 / bytes1 - nats2 / bytes2) / 2 / Math.log(2);
        assertThat(meanOfRatios).isCloseTo(meanOfRatiosAbout, within(1e-3));
    }

    @Test
    void addingAndTakingBackGradesLeavesExactlyTheSumsThatWereThere() {
        Tally base = Tally.EMPTY.add(sample(1, -41.588830833596716, 40));
        Tally churned = base;
        for (int i = 0; i < 1000; i++) {
            GradedSample other = sample(2, -0.1 * (i + 1) - 1e-7 * i, 3 + i);
            churned = churned.add(other).subtract(other);
        }

        assertThat(churned.detail().likelihood()).isEqualTo(base.detail().likelihood());
        assertThat(churned.graded()).isEqualTo(1);
        assertThat(churned.count(Verdict.MEASURED)).isEqualTo(1);
        assertThat(churned.accuracyTrials()).isZero();
    }

    private static GradedSample sample(int item, double nats, long bytes) {
        LikelihoodScore score = new LikelihoodScore(null, nats, bytes, Math.max(1, bytes / 4));
        Grade grade = Grade.of(new TaskId("r", "m", "story-text", "t" + item, "default", 0),
                new Marking(Verdict.MEASURED, Math.pow(2, -score.bitsPerByte()), null, "t" + item),
                new GradeContext(Category.WRITING, null, "likelihood/bits_per_byte@1", "0123456789abcdef",
                        Instant.EPOCH), CallFacts.of(1, false), Evidence.measured(score));
        assertThat(GradedSample.of(grade).cell()).isEqualTo(CELL);
        return GradedSample.of(grade).forTally();
    }
}
