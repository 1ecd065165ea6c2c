package io.evalstream.reports.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Verdict;
import io.evalstream.reports.Fixtures;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.RunBreakdown;
import io.evalstream.reports.scoring.RunReports;
import io.evalstream.reports.scoring.RunStatus;
import io.evalstream.reports.scoring.SourcePosition;
import io.evalstream.reports.scoring.Tally;
import io.evalstream.reports.scoring.TaskSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run's export, reported offline, gives the figures the aggregator computes from the same grades. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ExportedRunTest {

    /** Answers of two models on gsm8k (two samples per item, for pass@k) and judged stories of one. */
    private static List<Grade> grades() {
        List<Grade> grades = new ArrayList<>();
        Verdict[] cycle = {Verdict.CORRECT, Verdict.INCORRECT, Verdict.CORRECT, Verdict.NO_ANSWER, Verdict.ERROR};
        for (String model : List.of("sim-strong", "sim-weak")) {
            IntStream.range(0, 10).forEach(i -> grades.add(Fixtures.grade(Fixtures.task("r1", model, "gsm8k", i / 2,
                    i % 2), model.equals("sim-strong") && i % 5 != 4 ? Verdict.CORRECT : cycle[i % cycle.length])));
        }
        IntStream.range(0, 3).forEach(i -> grades.add(Fixtures.judged(Fixtures.task("r1", "sim-strong", "stories", i),
                7 + i, 5, 8 - i, i == 0 ? "3-5" : "6-8")));
        return grades;
    }

    /** What GET /runs/r1/report computes: tallies and breakdown from each grade's GradedSample. */
    private static FullRunReport online(List<Grade> grades) {
        Map<ScoreKey, Tally> tallies = new HashMap<>();
        List<TaskSample> samples = new ArrayList<>();
        for (Grade grade : grades) {
            GradedSample sample = GradedSample.of(grade, null);
            tallies.merge(sample.cell(), Tally.EMPTY.add(sample), (tally, one) -> tally.add(sample));
            samples.add(new TaskSample(grade.taskId(), sample));
        }
        return FullRunReport.of(RunReports.build("r1", null, tallies, Fixtures.T0).orElseThrow(),
                RunBreakdown.of(samples));
    }

    private static List<SampleLine> export(List<Grade> grades) {
        return IntStream.range(0, grades.size()).mapToObj(i -> SampleLine.of(grades.get(i), new SourcePosition(0, i)))
                .toList();
    }

    private static List<List<Object>> figures(FullRunReport report) {
        return report.scores().stream().map((BenchmarkScore score) -> List.<Object>of(score.cell().modelId(),
                score.cell().benchmarkId(), score.counts(), score.estimates(), score.detail())).toList();
    }

    @Test
    void everyCellHasTheAggregatorsCountsEstimatesAndJudgeMeans() {
        FullRunReport online = online(grades());

        FullRunReport offline = ExportedRun.report(export(grades()), Fixtures.T0);

        assertThat(figures(offline)).hasSize(3).isEqualTo(figures(online));
        assertThat(offline.overall()).isEqualTo(online.overall());
        assertThat(offline.passAtK()).isNotEmpty().isEqualTo(online.passAtK());
        assertThat(offline.clustered()).isEqualTo(online.clustered());
        assertThat(offline.judgeLabels()).isNotEmpty().isEqualTo(online.judgeLabels());
        assertThat(offline.settingsHashes()).isEqualTo(online.settingsHashes());
    }

    @Test
    void whatTheExportDoesNotCarryIsLeftOutNotGuessed() {
        FullRunReport offline = ExportedRun.report(export(grades()), Fixtures.T0);

        assertThat(online(grades()).categories()).isNotEmpty();
        assertThat(offline.categories()).isEmpty();
        assertThat(offline.scores()).allSatisfy(score -> assertThat(score.cell().category()).isNull());
        assertThat(offline.status()).isEqualTo(RunStatus.UNKNOWN_MANIFEST);
        assertThat(offline.totals().grading().expected()).isZero();
    }

    @Test
    void anEmptyExportIsRefused() {
        assertThatThrownBy(() -> ExportedRun.report(List.of(), Fixtures.T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the export holds no samples");
    }
}
