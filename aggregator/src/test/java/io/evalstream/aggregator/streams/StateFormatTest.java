package io.evalstream.aggregator.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.VerdictCounts;
import io.evalstream.reports.scoring.CellLabels;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.Moments;
import io.evalstream.reports.scoring.SampleDetail;
import io.evalstream.reports.scoring.ScoreSums;
import io.evalstream.reports.scoring.Tally;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The stores' values survive a round trip, and state written before judges still reads. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StateFormatTest {

    private static final ScoreKey CELL = new ScoreKey("run-s", "sim-strong", "stories");

    @Test
    void aTallyWithJudgeScoresRoundTrips() {
        Tally tally = Tally.EMPTY.add(GradedSample.of(CELL, Verdict.JUDGED, 0.5, new CellLabels(Category.WRITING, "h"))
                .withDetail(SampleDetail.judged(Map.of("grammar", 8.0, "creativity", 3.0), null)));

        Tally read = ScoreTopology.TALLY_JSON.deserializer().deserialize("t",
                ScoreTopology.TALLY_JSON.serializer().serialize("t", tally));

        assertThat(read).isEqualTo(tally);
        assertThat(read.dimensions()).containsEntry("grammar", new Moments(1, 8.0, 64.0));
    }

    @Test
    void aTallyWrittenBeforeJudgesReadsAsNothingJudged() {
        String old = """
                {"graded":3,"correct":2,"incorrect":1,"noAnswer":0,"errors":0,"scoreSum":2.0,"scoreSquareSum":2.0,\
                "category":"MATH","settingsHash":"h"}""";

        Tally read = ScoreTopology.TALLY_JSON.deserializer().deserialize("t", old.getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(Tally.ofCounts(new VerdictCounts(2, 1, 0, 0, 0), new ScoreSums(2.0, 2.0),
                new CellLabels(Category.MATH, "h")));
        assertThat(read.judged()).isZero();
        assertThat(read.dimensions()).isEmpty();
    }

    @Test
    void aSampleWrittenBeforeJudgesReadsAndAnUnjudgedSampleWritesNoJudgeFields() {
        String old = """
                {"cell":"run-s/sim-strong/stories","verdict":"CORRECT",\
                "score":1.0,"category":"MATH","settingsHash":"h"}""";
        GradedSample plain = GradedSample.of(CELL, Verdict.CORRECT, 1.0, new CellLabels(Category.MATH, "h"));

        GradedSample read = ScoreTopology.SAMPLES.deserializer().deserialize("t", old.getBytes(StandardCharsets.UTF_8));
        String written = new String(ScoreTopology.SAMPLES.serializer().serialize("t", plain), StandardCharsets.UTF_8);

        assertThat(read).isEqualTo(plain);
        assertThat(written).doesNotContain("judgeScores").doesNotContain("labels");
    }
}
