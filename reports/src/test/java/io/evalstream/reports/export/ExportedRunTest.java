package io.evalstream.reports.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.Subset;
import io.evalstream.contracts.Verdict;
import io.evalstream.reports.Fixtures;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.RunBreakdown;
import io.evalstream.reports.scoring.RunReports;
import io.evalstream.reports.scoring.RunStatus;
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

    /**
     * Answers of two models on gsm8k (two samples per item, for pass@k), of one on mmlu subjects (two grouped) and
     * judged stories of one.
     */
    private static List<Grade> grades() {
        List<Grade> grades = new ArrayList<>();
        Verdict[] cycle = {Verdict.CORRECT, Verdict.INCORRECT, Verdict.CORRECT, Verdict.NO_ANSWER, Verdict.ERROR};
        for (String model : List.of("sim-strong", "sim-weak")) {
            IntStream.range(0, 10).forEach(i -> grades.add(Fixtures.grade(Fixtures.task("r1", model, "gsm8k", i / 2,
                    i % 2), model.equals("sim-strong") && i % 5 != 4 ? Verdict.CORRECT : cycle[i % cycle.length])));
        }
        List<Subset> subjects = List.of(new Subset("abstract_algebra", "stem"), new Subset("anatomy", "stem"),
                new Subset("world_religions", null));
        IntStream.range(0, 9).forEach(i -> grades.add(Fixtures.grade(Fixtures.task("r1", "sim-weak", "mmlu", i),
                i % 4 == 0 ? Verdict.INCORRECT : Verdict.CORRECT, i % 4 == 0 ? 0.0 : 1.0, subjects.get(i % 3))));
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

    /** The export as an older aggregator wrote it: no line carries its grade's category or subset. */
    private static List<SampleLine> olderExport(List<Grade> grades) {
        return export(grades).stream().map(ExportedRunTest::withoutSetup).toList();
    }

    private static SampleLine withoutSetup(SampleLine line) {
        return new SampleLine(line.task(), line.answer(),
                new GradeSetup(null, null, line.setup().settingsHash(), line.setup().grader()), line.evidence(),
                line.origin());
    }

    private static List<List<Object>> figures(FullRunReport report) {
        return report.scores().stream().map((BenchmarkScore score) -> List.<Object>of(score.cell(), score.counts(),
                score.estimates(), score.detail())).toList();
    }

    @Test
    void everyCellHasTheAggregatorsCountsEstimatesAndJudgeMeans() {
        FullRunReport online = online(grades());

        FullRunReport offline = ExportedRun.report(export(grades()), Fixtures.T0);

        assertThat(figures(offline)).hasSize(4).isEqualTo(figures(online));
        assertThat(offline.overall()).isEqualTo(online.overall());
        assertThat(offline.categories()).hasSize(4).isEqualTo(online.categories());
        assertThat(offline.subsets()).hasSize(3).isEqualTo(online.subsets());
        assertThat(offline.groups()).hasSize(1).isEqualTo(online.groups());
        assertThat(offline.passAtK()).isNotEmpty().isEqualTo(online.passAtK());
        assertThat(offline.clustered()).isEqualTo(online.clustered());
        assertThat(offline.judgeLabels()).isNotEmpty().isEqualTo(online.judgeLabels());
        assertThat(offline.settingsHashes()).isEqualTo(online.settingsHashes());
    }

    @Test
    void whatTheExportDoesNotCarryIsLeftOutNotGuessed() {
        FullRunReport offline = ExportedRun.report(export(grades()), Fixtures.T0);

        assertThat(offline.status()).isEqualTo(RunStatus.UNKNOWN_MANIFEST);
        assertThat(offline.totals().grading().expected()).isZero();
        assertThat(ExportedRun.unknown(export(grades()))).hasSize(3).noneMatch(what -> what.contains("categor")
                || what.contains("subset"));
    }

    @Test
    void anOlderExportWithoutCategoriesAndSubsetsStillReportsItsCellsAndSaysWhatIsMissing() {
        FullRunReport online = online(grades());

        FullRunReport offline = ExportedRun.report(olderExport(grades()), Fixtures.T0);

        assertThat(offline.scores()).extracting(score -> score.counts()).isEqualTo(online.scores().stream()
                .map(BenchmarkScore::counts).toList());
        assertThat(online.categories()).isNotEmpty();
        assertThat(online.subsets()).isNotEmpty();
        assertThat(offline.categories()).isEmpty();
        assertThat(offline.subsets()).isEmpty();
        assertThat(offline.groups()).isEmpty();
        assertThat(offline.scores()).allSatisfy(score -> assertThat(score.cell().category()).isNull());
        assertThat(ExportedRun.unknown(olderExport(grades()))).hasSize(5)
                .anyMatch(what -> what.startsWith("categories and the per-category scores"))
                .anyMatch(what -> what.startsWith("subset and group scores"));
    }

    @Test
    void oneLineWithoutItsCategoryLeavesCategoriesAndSubsetsOutRatherThanShort() {
        List<SampleLine> mixed = new ArrayList<>(export(grades()));
        mixed.set(0, withoutSetup(mixed.getFirst()));

        FullRunReport offline = ExportedRun.report(mixed, Fixtures.T0);

        assertThat(offline.categories()).isEmpty();
        assertThat(offline.subsets()).isEmpty();
        assertThat(ExportedRun.unknown(mixed)).hasSize(5);
    }

    @Test
    void anEmptyExportIsRefused() {
        assertThatThrownBy(() -> ExportedRun.report(List.of(), Fixtures.T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the export holds no samples");
    }
}
