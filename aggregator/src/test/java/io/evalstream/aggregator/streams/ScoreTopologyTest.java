package io.evalstream.aggregator.streams;

import static io.evalstream.reports.Fixtures.bytes;
import static io.evalstream.reports.Fixtures.grade;
import static io.evalstream.reports.Fixtures.manifest;
import static io.evalstream.reports.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Verdict;
import io.evalstream.reports.Fixtures;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.ScoreSums;
import io.evalstream.reports.scoring.Tally;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

/** Counting: exact, idempotent, and moved by a changed verdict. */
class ScoreTopologyTest extends TopologyHarness {

    @Test
    void countsASmallRunExactlyWithExpectedCountsFromTheManifest() {
        runs.pipeInput(RUN, bytes(manifest(RUN, List.of("sim-strong", "sim-weak"), List.of("gsm8k"), 3)), tick());
        send(task(RUN, "sim-strong", "gsm8k", 1), Verdict.CORRECT);
        send(task(RUN, "sim-strong", "gsm8k", 2), Verdict.CORRECT);
        send(task(RUN, "sim-strong", "gsm8k", 3), Verdict.INCORRECT);
        send(task(RUN, "sim-weak", "gsm8k", 1), Verdict.CORRECT);
        send(task(RUN, "sim-weak", "gsm8k", 2), Verdict.NO_ANSWER);
        send(task(RUN, "sim-weak", "gsm8k", 3), Verdict.ERROR);

        Map<String, BenchmarkScore> scores = latestScores();

        assertThat(scores).containsOnlyKeys(STRONG, WEAK);
        BenchmarkScore strong = scores.get(STRONG);
        assertThat(strong).extracting(BenchmarkScore::graded, s -> s.counts().correct(), s -> s.counts().incorrect(),
                s -> s.counts().noAnswer(), s -> s.counts().errors(), s -> s.grading().expected())
                .containsExactly(3L, 2L, 1L, 0L, 0L, 3L);
        assertThat(strong.accuracy().value()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(strong.grading().fraction()).isEqualTo(1.0);
        assertThat(strong.accuracy().low()).isLessThan(strong.accuracy().value());
        assertThat(strong.updatedAt()).isEqualTo(Fixtures.T0.plusSeconds(4));
        assertThat(scores.get(WEAK)).extracting(BenchmarkScore::graded, s -> s.counts().correct(),
                s -> s.counts().incorrect(), s -> s.counts().noAnswer(), s -> s.counts().errors())
                .containsExactly(3L, 1L, 0L, 1L, 1L);
        assertThat(scores.get(WEAK).accuracy().value()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(count(StreamCount.GRADES_READ)).isEqualTo(6);
        KeyValueStore<String, ValueAndTimestamp<Tally>> tallies = driver.getTimestampedKeyValueStore(ScoreTopology.TALLIES);
        assertThat(tallies.get(STRONG).value()).extracting(Tally::graded, Tally::correct).containsExactly(3L, 2L);
    }

    @Test
    void theSameGradeDeliveredThreeTimesCountsOnce() {
        Grade grade = grade(task(RUN, "sim-strong", "gsm8k", 1), Verdict.CORRECT);
        send(grade);
        send(grade);
        grades.pipeInput(null, bytes(grade), tick());

        assertThat(latestScores().get(STRONG)).extracting(BenchmarkScore::graded, s -> s.counts().correct())
                .containsExactly(1L, 1L);
        assertThat(count(StreamCount.GRADES_READ)).as("records read, re-deliveries included").isEqualTo(3);
        KeyValueStore<String, ValueAndTimestamp<GradedSample>> latest =
                driver.getTimestampedKeyValueStore(ScoreTopology.LATEST_SAMPLES);
        try (var entries = latest.all()) {
            assertThat(entries).toIterable().extracting(entry -> entry.key).containsExactly(grade.taskId().toString());
        }
    }

    @Test
    void aRedeliveredErrorGradeCountsOnceInItsKindWithItsReason() {
        String reason = "code sandbox unavailable: bwrap not found at /nowhere/bwrap";
        Grade first = Fixtures.ungradable(task(RUN, "sim-strong", "humaneval", 1), reason);
        Grade second = Fixtures.ungradable(task(RUN, "sim-strong", "humaneval", 2), reason);
        send(first);
        send(second);
        send(first);
        send(second);

        BenchmarkScore score = latestScores().get(RUN + "/sim-strong/humaneval");

        assertThat(score).extracting(BenchmarkScore::graded, s -> s.counts().errors()).containsExactly(2L, 2L);
        assertThat(score.calls().errorKinds()).containsExactly(Map.entry(ErrorKind.UNGRADABLE, 2L));
        assertThat(score.calls().errorReasons()).containsExactly(Map.entry(ErrorKind.UNGRADABLE, reason));
    }

    @Test
    void anErrorGradeReplacedByAnAnswerTakesItsKindAndReasonAway() {
        TaskId task = task(RUN, "sim-strong", "humaneval", 1);
        send(Fixtures.ungradable(task, "code sandbox unavailable: bwrap not found"));
        send(task, Verdict.CORRECT);

        BenchmarkScore score = latestScores().get(RUN + "/sim-strong/humaneval");

        assertThat(score).extracting(BenchmarkScore::graded, s -> s.counts().correct(), s -> s.counts().errors())
                .containsExactly(1L, 1L, 0L);
        assertThat(score.calls().errorKinds()).isEmpty();
        assertThat(score.calls().errorReasons()).isEmpty();
    }

    @Test
    void aVerdictChangedFromIncorrectToCorrectForTheSameTaskMovesTheCount() {
        TaskId task = task(RUN, "sim-strong", "gsm8k", 1);
        send(task(RUN, "sim-strong", "gsm8k", 2), Verdict.INCORRECT);
        send(task, Verdict.INCORRECT);
        assertThat(latestScores().get(STRONG)).extracting(s -> s.counts().correct(), s -> s.counts().incorrect())
                .containsExactly(0L, 2L);

        send(task, Verdict.CORRECT);

        assertThat(latestScores().get(STRONG))
                .extracting(BenchmarkScore::graded, s -> s.counts().correct(), s -> s.counts().incorrect())
                .containsExactly(2L, 1L, 1L);
    }

    @Test
    void aReplacedGradeMovesTheScoreSumAndADuplicateGradeChangesNothing() {
        TaskId task = task(RUN, "sim-strong", "gsm8k", 1);
        send(task(RUN, "sim-strong", "gsm8k", 2), Verdict.CORRECT);
        send(grade(task, Verdict.INCORRECT, 0.25, null));
        assertThat(latestScores().get(STRONG).meanScore().value()).isEqualTo(0.625);
        assertThat(tally(STRONG)).extracting(Tally::sums).isEqualTo(new ScoreSums(1.25, 1.0625));

        Grade replacement = grade(task, Verdict.INCORRECT, 0.75, null);
        send(replacement);

        BenchmarkScore replaced = latestScores().get(STRONG);
        Tally afterReplacement = tally(STRONG);
        assertThat(afterReplacement).extracting(Tally::graded, tally -> tally.counts().incorrect(), Tally::sums)
                .containsExactly(2L, 1L, new ScoreSums(1.75, 1.5625));
        assertThat(replaced.meanScore().value()).isEqualTo(0.875);
        assertThat(replaced.meanScore().stdErr()).isCloseTo(0.125, within(1e-12));

        send(replacement);
        send(replacement);

        BenchmarkScore afterDuplicates = latestScores().get(STRONG);
        assertThat(tally(STRONG)).isEqualTo(afterReplacement);
        assertThat(afterDuplicates).extracting(BenchmarkScore::graded, s -> s.accuracy().value(),
                s -> s.meanScore().value(), s -> s.meanScore().stdErr())
                .containsExactly(replaced.graded(), replaced.accuracy().value(), replaced.meanScore().value(), replaced.meanScore().stdErr());
    }

    @Test
    void theLatestSampleKeepsTheSubsetForTheFullReportWhileTheTallyCountsIt() {
        Subset algebra = new Subset("abstract_algebra", "stem");
        Grade grade = grade(task(RUN, "sim-strong", "mmlu", 1), Verdict.CORRECT, 1.0, algebra);
        send(grade);

        assertThat(latestScores().get(RUN + "/sim-strong/mmlu")).extracting(BenchmarkScore::graded,
                s -> s.counts().correct(), s -> s.meanScore().value()).containsExactly(1L, 1L, 1.0);
        KeyValueStore<String, ValueAndTimestamp<GradedSample>> latest =
                driver.getTimestampedKeyValueStore(ScoreTopology.LATEST_SAMPLES);
        assertThat(latest.get(grade.taskId().toString()).value().subset()).isEqualTo(algebra);
    }

    @Test
    void aGradeWithoutAKeyIsKeyedByItsTaskIdAndReplacesTheEarlierGradeOfThatTask() {
        TaskId task = task(RUN, "sim-weak", "gsm8k", 1);
        send(task, Verdict.INCORRECT);
        grades.pipeInput(null, bytes(grade(task, Verdict.CORRECT)), tick());

        assertThat(latestScores().get(WEAK))
                .extracting(BenchmarkScore::graded, s -> s.counts().correct(), s -> s.counts().incorrect())
                .containsExactly(1L, 1L, 0L);
    }

    @Test
    void anErrorGradeCountsInErrorsAndAgainstAccuracy() {
        send(task(RUN, "sim-weak", "gsm8k", 1), Verdict.CORRECT);
        send(task(RUN, "sim-weak", "gsm8k", 2), Verdict.ERROR);

        BenchmarkScore weak = latestScores().get(WEAK);

        assertThat(weak).extracting(BenchmarkScore::graded, s -> s.counts().correct(), s -> s.counts().errors())
                .containsExactly(2L, 1L, 1L);
        assertThat(weak.accuracy().value()).isEqualTo(0.5);
    }

    @Test
    void gradesBeforeTheManifestHaveUnknownProgressUntilItArrives() {
        send(task(RUN, "sim-strong", "gsm8k", 1), Verdict.CORRECT);
        BenchmarkScore before = latestScores().get(STRONG);
        assertThat(before.grading().expected()).isZero();
        assertThat(before.grading().fraction()).isNull();

        runs.pipeInput(RUN, bytes(manifest(RUN, List.of("sim-strong"), List.of("gsm8k"), 4)), tick());
        send(task(RUN, "sim-strong", "gsm8k", 2), Verdict.INCORRECT);

        BenchmarkScore after = latestScores().get(STRONG);
        assertThat(after.grading().expected()).isEqualTo(4);
        assertThat(after.grading().fraction()).isEqualTo(0.5);
    }

    @Test
    void anInvalidManifestIsSkippedAndKeepsTheRunsPreviousOne() {
        runs.pipeInput(RUN, bytes(manifest(RUN, List.of("sim-strong"), List.of("gsm8k"), 4)), tick());
        runs.pipeInput(RUN, "{\"schemaVersion\":1,\"spec\":{}}".getBytes(), tick());
        runs.pipeInput("another-run", bytes(manifest(RUN, List.of("sim-strong"), List.of("gsm8k"), 9)), tick());
        runs.pipeInput(null, bytes(manifest("keyless", List.of("sim-strong"), List.of("gsm8k"), 9)), tick());

        send(task(RUN, "sim-strong", "gsm8k", 1), Verdict.CORRECT);

        assertThat(latestScores().get(STRONG).grading().expected()).isEqualTo(4);
        KeyValueStore<String, byte[]> manifests = driver.getKeyValueStore(ScoreTopology.MANIFESTS);
        assertThat(manifests.get("another-run")).isNull();
        assertThat(manifests.get("keyless")).isNull();
    }

    private Tally tally(String cell) {
        KeyValueStore<String, ValueAndTimestamp<Tally>> tallies = driver.getTimestampedKeyValueStore(ScoreTopology.TALLIES);
        return tallies.get(cell).value();
    }
}
