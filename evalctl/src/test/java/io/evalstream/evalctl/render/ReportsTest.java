package io.evalstream.evalctl.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.CellId;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.Estimate;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.ScoreDetail;
import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.VerdictCounts;
import io.evalstream.reports.render.ReportJson;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.reports.scoring.RunStatus;
import io.evalstream.reports.scoring.RunTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ReportsTest {

    private static final String REPORT = """
            {"runId":"r","status":"RUNNING","totals":{"expected":200,"graded":150},
             "scores":[
              {"modelId":"sim-strong","benchmarkId":"gsm8k","graded":100,"expected":100,"correct":81,"errors":2,
               "accuracy":0.81,"ci95Low":0.7222,"ci95High":0.8749,"meanScore":0.845},
              {"modelId":"sim-weak","benchmarkId":"gsm8k","graded":50,"expected":100,"correct":0,"errors":0}
             ]}""";

    @Test
    void theTableShowsAccuracyIntervalMeanScoreAndCountsPerModelAndBenchmark() throws Exception {
        String table = Reports.table(report(REPORT));
        assertThat(table.lines()).hasSize(4);
        assertThat(table).contains(
                "sim-strong     gsm8k          81.0%  [72.2%, 87.5%]          84.5%       81     100       2");
        assertThat(table.lines().skip(3).findFirst().orElseThrow()).contains("sim-weak").contains(" -  ");
    }

    @Test
    void theTableListsErrorsByKindWithAnAbbreviatedOneLineSampleReasonBelowIt() throws Exception {
        String json = """
                {"scores":[
                  {"modelId":"sim-strong","benchmarkId":"humaneval","graded":6,"expected":6,"errors":6,
                   "errorKinds":{"UNGRADABLE":6},
                   "errorReasons":{"UNGRADABLE":"code sandbox unavailable: bwrap not found at /nowhere/bwrap;\\n code\
                 tasks cannot be run on this grader until bubblewrap is installed (apt-get install bubblewrap) or the\
                 fallback allows rlimits, which isolates nothing"}},
                  {"modelId":"sim-nobody","benchmarkId":"gsm8k","graded":3,"expected":3,"errors":3,
                   "errorKinds":{"NO_WORKER_FOR_MODEL":3,"TIMEOUT":1}, "errorReasons":{"NO_WORKER_FOR_MODEL":"model\
                 'sim-nobody' is not configured on this worker"}}]}""";

        List<String> lines = Reports.table(report(json)).lines().toList();

        assertThat(lines).hasSize(8);
        assertThat(lines.get(4)).isEqualTo("  Errors by kind:");
        assertThat(lines.get(5)).isEqualTo("  humaneval sim-strong: 6 UNGRADABLE — code sandbox unavailable: bwrap not"
                + " found at /nowhere/bwrap; code tasks cannot be run on this grader until bubblewrap is installed"
                + " (apt-get install bubblewrap)…");
        // The kinds come in the order the report keeps them: ErrorKind's.
        assertThat(lines.get(6)).isEqualTo("  gsm8k sim-nobody: 1 TIMEOUT");
        assertThat(lines.get(7)).isEqualTo("  gsm8k sim-nobody: 3 NO_WORKER_FOR_MODEL — model 'sim-nobody' is not"
                + " configured on this worker");
    }

    @Test
    void aRunWithoutErrorsHasNoErrorLines() throws Exception {
        RunReport report = report(REPORT);

        assertThat(Reports.errors(report)).isEmpty();
        assertThat(Reports.table(report)).doesNotContain("Errors by kind");
    }

    @Test
    void progressLinesShowTheAnytimeIntervalWhenTheScoreboardHasOne() throws Exception {
        String progress = Reports.progress(report("""
                {"scores":[{"modelId":"sim-strong","benchmarkId":"gsm8k","graded":10,"expected":100,"correct":5,
                            "accuracy":0.5,"anytime95":{"low":0.1292,"high":0.8708}}]}"""));
        assertThat(progress).contains("      10/100     50.0% [12.9%, 87.1%]")
                .contains("anytime-valid 95% interval of the accuracy, safe to watch");
        assertThat(Reports.progress(report(REPORT))).doesNotContain("anytime");
    }

    @Test
    void progressBarsAreProportionalToGradedOverExpected() throws Exception {
        String progress = Reports.progress(report(REPORT));
        assertThat(progress).contains("[########################]     100/100").contains("[############............]      50/100");
    }

    @Test
    void theJudgedTableShowsPerModelItsKindJudgeScoresPerDimensionTheMeanScoreAndErrors() throws Exception {
        List<BenchmarkScore> scores = List.of(
                score("stories260K", "stories", Category.WRITING, new VerdictCounts(0, 0, 0, 2, 22),
                        Estimate.proportion(0.0, 0.0, 0.14), Estimate.mean(0.4125, 0.03), new Progress(24, 24, 1.0, null, null),
                        List.of(new DimensionScore("grammar", 22, 6.25, 0.31), new DimensionScore("creativity", 22, 4.5, 0.2),
                                new DimensionScore("consistency", 22, 7.0, null))),
                score("sim-weak", "stories", Category.WRITING, VerdictCounts.NONE, Estimate.proportion(0.0, 0.0, 0.5),
                        Estimate.NONE, new Progress(3, 24, 0.125, null, null), List.of()),
                score("sim-weak", "gsm8k", Category.MATH, new VerdictCounts(1, 2, 0, 0, 0),
                        Estimate.proportion(0.3, 0.1, 0.7), Estimate.mean(0.3, 0.2), new Progress(3, 3, 1.0, null, null),
                        List.of()));
        RunReport report = report(Json.mapper().writeValueAsString(Map.of("scores", scores)));

        String table = Reports.judgedTable(report, "stories", List.of("grammar", "creativity", "consistency"),
                model -> model.startsWith("sim-") ? "SIMULATED" : "REAL gguf");

        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.getFirst()).contains("judged", "grammar", "creativity", "consistency", "score (0-1)", "errors");
        assertThat(lines.get(2)).startsWith("  REAL gguf  stories260K").contains("22/24", "6.3 ± 0.3", "4.5 ± 0.2",
                " 7.0 ", "0.41 ± 0.03").endsWith(" 2");
        assertThat(lines.get(3)).startsWith("  SIMULATED  sim-weak").contains("0/24").doesNotContain("gsm8k")
                .endsWith(" 0");
    }

    @Test
    void aRunIsCompleteOnlyWhenTheAggregatorSaysSo() throws Exception {
        RunReport report = report(REPORT);
        assertThat(Reports.isComplete(report)).isFalse();
        assertThat(Reports.graded(report)).isEqualTo(150);
        assertThat(Reports.cell(report, "sim-weak", "gsm8k").orElseThrow().graded()).isEqualTo(50);
        assertThat(Reports.cell(report, "nobody", "gsm8k")).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            one priced model, one without a price | {"gpt-4o":{"usd":0.5,"priced":10,"unpriced":0},"sim-weak":{"usd":null,"priced":0,"unpriced":4}} | {"usd":0.5,"priced":10,"unpriced":4} | Cost: $0.5000; unknown for 4 tasks of sim-weak (no price)
            two priced models                     | {"a":{"usd":0.25,"priced":2,"unpriced":0},"b":{"usd":0.125,"priced":2,"unpriced":0}}   | {"usd":0.375,"priced":4,"unpriced":0} | Cost: $0.3750 (a $0.2500, b $0.1250)
            no model priced                       | {"x":{"usd":null,"priced":0,"unpriced":3},"y":{"usd":null,"priced":0,"unpriced":2}}   | {"usd":null,"priced":0,"unpriced":5}  | Cost: unknown for 5 tasks of x, y (no price)
            """)
    void theCostLineGivesTheTotalEachPricedModelAndTheModelsWithoutAPrice(String title, String byModel, String total,
            String expected) throws Exception {
        String line = Reports.cost(report(
                "{\"totals\":{\"graded\":0,\"cost\":{\"total\":" + total + ",\"byModel\":" + byModel + "}}}"));

        org.assertj.core.api.Assertions.assertThat(line.strip()).isEqualTo(expected);
        org.assertj.core.api.Assertions.assertThat(Reports.cost(report("{}"))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void cellsWithSeveralScorersGetALineOfEachScorersAccuracy() throws Exception {
        RunReport report = report("""
                {"scores": [
                  {"modelId": "sim-weak", "benchmarkId": "gsm8k", "scorers": [
                    {"scorer": "flexible", "graded": 40, "correct": 13, "accuracy": 0.325},
                    {"scorer": "strict", "graded": 40, "correct": 10, "accuracy": 0.25}]},
                  {"modelId": "sim-weak", "benchmarkId": "mmlu"}]}""");

        org.assertj.core.api.Assertions.assertThat(Reports.scorers(report))
                .isEqualTo("  sim-weak       gsm8k      flexible 32.5%  strict 25.0%" + System.lineSeparator());
    }

    /**
     * The served report {@code json}, as evalctl reads it; the fields these tables leave out are those of a served
     * report whose run and cells have nothing graded.
     */
    private static RunReport report(String json) throws Exception {
        ObjectNode given = (ObjectNode) Json.mapper().readTree(json);
        ObjectNode report = (ObjectNode) ReportJson.mapper().valueToTree(new RunReport("r", RunStatus.RUNNING, null,
                List.of(), List.of(), new RunTotals(new Progress(0, 0, null, null, null), VerdictCounts.NONE, null),
                List.of(), List.of(), List.of()));
        ObjectNode emptyCell = ReportJson.mapper().valueToTree(score("m", "b", Category.MATH, VerdictCounts.NONE,
                Estimate.NONE, Estimate.NONE, new Progress(0, 0, null, null, null), List.of()));
        if (given.has("totals")) {
            ((ObjectNode) report.get("totals")).setAll((ObjectNode) given.remove("totals"));
        }
        report.setAll(given);
        for (int i = 0; i < report.withArray("scores").size(); i++) {
            report.withArray("scores").set(i, emptyCell.deepCopy().setAll((ObjectNode) report.withArray("scores").get(i)));
        }
        return ReportJson.mapper().treeToValue(report, RunReport.class);
    }

    private static BenchmarkScore score(String model, String benchmark, Category category, VerdictCounts counts,
            Estimate accuracy, Estimate mean, Progress grading, List<DimensionScore> judgeScores) {
        return new BenchmarkScore(1, new CellId("r", model, benchmark, category), counts,
                new ScoreEstimates(accuracy, mean), grading, Instant.parse("2026-11-21T12:00:00Z"), CallStats.NONE,
                ScoreDetail.judged(judgeScores));
    }
}
