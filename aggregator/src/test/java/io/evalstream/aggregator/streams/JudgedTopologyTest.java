package io.evalstream.aggregator.streams;

import static io.evalstream.reports.Fixtures.judged;
import static io.evalstream.reports.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.reports.Fixtures;
import io.evalstream.aggregator.metrics.IgnoredJudgeScores;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.Tally;
import io.evalstream.reports.scoring.TaskSample;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Judgement;
import io.evalstream.contracts.Marking;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Judged grades through the topology: replaced scores move, a judge with too many dimensions is bounded. */
class JudgedTopologyTest extends TopologyHarness {

    private static final String STORIES = RUN + "/stories260K/stories";

    @Test
    void aReplacedJudgedGradeMovesEveryDimensionAndTheSnapshotHasNoAccuracy() {
        TaskId story = task(RUN, "stories260K", "stories", 1);
        send(judged(story, 2, 2, 2, "A: 3 or under"));
        send(judged(task(RUN, "stories260K", "stories", 2), 6, 4, 7, "B: 4-5"));
        send(judged(story, 8, 6, 7, "B: 4-5"));
        send(judged(story, 8, 6, 7, "B: 4-5"));

        BenchmarkScore score = latestScores().get(STORIES);

        assertThat(score).extracting(BenchmarkScore::graded, s -> s.counts().judged(), s -> s.counts().correct())
                .containsExactly(2L, 2L, 0L);
        assertThat(score.accuracy().value()).isNull();
        assertThat(score.accuracy().low()).isNull();
        assertThat(score.cell().category()).isEqualTo(Category.WRITING);
        assertThat(score.detail().judgeScores()).containsExactly(new DimensionScore("consistency", 2, 7.0, 0.0),
                new DimensionScore("creativity", 2, 5.0, 1.0), new DimensionScore("grammar", 2, 7.0, 1.0));
    }

    @Test
    void aJudgeNamingMoreDimensionsThanACellMayCountIsBoundedAndWhatItLeavesOutIsReadFromTheStores() {
        for (int item = 0; item < 3; item++) {
            Map<String, Double> scores = new HashMap<>();
            for (int d = 0; d < 8; d++) {
                scores.put("item%d_dim%d".formatted(item, d), 5.0);
            }
            Judgement judgement = new Judgement("auto", "tinystories", scores, null, null);
            send(Grade.of(task(RUN, "stories260K", "stories", item),
                    new Marking(Verdict.JUDGED, judgement.normalizedScore(), "story", "Once"),
                    Fixtures.writing("text/rubric@1"), CallFacts.of(10, true), Evidence.judged(judgement)));
        }

        BenchmarkScore score = latestScores().get(STORIES);

        assertThat(score.counts().judged()).isEqualTo(3);
        assertThat(score.detail().judgeScores()).hasSize(16);
        Tally tally = driver.<String, Tally>getTimestampedKeyValueStore(ScoreTopology.TALLIES)
                .get(STORIES).value();
        List<TaskSample> samples = new ArrayList<>();
        driver.<String, GradedSample>getTimestampedKeyValueStore(ScoreTopology.LATEST_SAMPLES).all()
                .forEachRemaining(entry -> samples.add(new TaskSample(TaskId.parse(entry.key), entry.value.value())));
        // Read from the stores, not counted by the adder: the third item's eight dimensions found the cell full.
        assertThat(IgnoredJudgeScores.ignored(ScoreKey.parse(STORIES), tally, samples)).isEqualTo(8);
    }
}
