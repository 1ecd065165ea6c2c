package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.reports.Fixtures;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.VerdictCounts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RunReportsTest {

    private static final String RUN = "run-7";
    private static final RunManifest MANIFEST =
            Fixtures.manifest(RUN, List.of("sim-weak", "sim-strong"), List.of("mmlu", "gsm8k"), 2);

    private static ScoreKey cell(String model, String benchmark) {
        return new ScoreKey(RUN, model, benchmark);
    }

    private static Tally tally(long correct, long incorrect, String hash) {
        return Fixtures.tally(correct, incorrect, 0, 0, Category.MATH, hash);
    }

    @Test
    void aRunWithNeitherManifestNorGradesHasNoReport() {
        assertThat(RunReports.build(RUN, null, Map.of(), Fixtures.T0)).isEmpty();
    }

    @Test
    void everyCellOfTheManifestAppearsSortedByModelThenBenchmarkEvenBeforeItsFirstGrade() {
        RunReport report = RunReports.build(RUN, MANIFEST, Map.of(cell("sim-weak", "gsm8k"), tally(1, 0, "h1")),
                Fixtures.T0).orElseThrow();

        assertThat(report.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(report.scores()).extracting(s -> s.cell().modelId() + "/" + s.cell().benchmarkId())
                .containsExactly("sim-strong/gsm8k", "sim-strong/mmlu", "sim-weak/gsm8k", "sim-weak/mmlu");
        assertThat(report.scores()).extracting(BenchmarkScore::graded).containsExactly(0L, 0L, 1L, 0L);
        assertThat(report.scores()).extracting(score -> score.grading().expected()).containsOnly(2L);
        assertThat(report.totals()).usingRecursiveComparison().ignoringFields("cost").isEqualTo(totals(8, 1, 1, 0, 0.125, null));
        assertThat(report.benchmarkSettings()).isEqualTo(Fixtures.benchmarkSettings(List.of("mmlu", "gsm8k")));
        assertThat(report.submittedAt()).isEqualTo(Fixtures.T0);
        assertThat(report.settingsHashes()).containsExactly("h1");
    }

    @Test
    void aRunIsCompleteWhenEveryCellHasAllItsExpectedGrades() {
        Map<ScoreKey, Tally> tallies = Map.of(
                cell("sim-weak", "gsm8k"), tally(1, 1, "h1"), cell("sim-weak", "mmlu"), tally(0, 2, "h1"),
                cell("sim-strong", "gsm8k"), tally(2, 0, "h2"), cell("sim-strong", "mmlu"), tally(2, 0, "h1"));

        RunReport report = RunReports.build(RUN, MANIFEST, tallies, Fixtures.T0).orElseThrow();

        assertThat(report.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(report.totals()).usingRecursiveComparison().ignoringFields("cost").isEqualTo(totals(8, 8, 5, 3, 1.0, 0.0));
        assertThat(report.settingsHashes()).containsExactly("h1", "h2");
        assertThat(report.summary()).isEqualTo(new RunSummary(RUN, RunStatus.COMPLETE, Fixtures.T0, report.totals()));
    }

    @Test
    void oneCellShortOfItsExpectedCountKeepsTheRunRunning() {
        Map<ScoreKey, Tally> tallies = Map.of(
                cell("sim-weak", "gsm8k"), tally(2, 0, "h"), cell("sim-weak", "mmlu"), tally(2, 0, "h"),
                cell("sim-strong", "gsm8k"), tally(2, 0, "h"), cell("sim-strong", "mmlu"), tally(1, 0, "h"));

        assertThat(RunReports.build(RUN, MANIFEST, tallies, Fixtures.T0).orElseThrow().status())
                .isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void gradesWithoutAManifestGiveAnUnknownManifestReport() {
        RunReport report = RunReports.build(RUN, null, Map.of(cell("sim-weak", "gsm8k"), tally(3, 1, "h")),
                Fixtures.T0).orElseThrow();

        assertThat(report.status()).isEqualTo(RunStatus.UNKNOWN_MANIFEST);
        assertThat(report.benchmarkSettings()).isEmpty();
        assertThat(report.totals()).usingRecursiveComparison().ignoringFields("cost").isEqualTo(totals(0, 4, 3, 1, null, null));
        assertThat(report.scores()).singleElement().satisfies(score -> {
            assertThat(score.accuracy().value()).isEqualTo(0.75);
            assertThat(score.grading().fraction()).isNull();
        });
    }

    @Test
    void aGradedCellTheManifestDoesNotListIsStillReported() {
        RunReport report = RunReports.build(RUN, MANIFEST, Map.of(cell("sim-extra", "gsm8k"), tally(1, 0, "h")),
                Fixtures.T0).orElseThrow();

        assertThat(report.scores()).hasSize(5);
        assertThat(report.scores()).filteredOn(score -> score.cell().modelId().equals("sim-extra")).singleElement()
                .satisfies(score -> assertThat(score.grading().expected()).isZero());
        assertThat(report.status()).isEqualTo(RunStatus.RUNNING);
    }

    private static RunTotals totals(long expected, long graded, long correct, long incorrect, Double fraction,
            Double etaSeconds) {
        return new RunTotals(new Progress(graded, expected, fraction, etaSeconds, null),
                new VerdictCounts(correct, incorrect, 0, 0, 0), null);
    }
}
