package io.evalstream.reports.render;

import io.evalstream.reports.Fixtures;
import io.evalstream.reports.scoring.ClusteredMean;
import io.evalstream.reports.scoring.ClusteredScore;
import io.evalstream.reports.scoring.FullRunReport;
import io.evalstream.reports.scoring.GroupScore;
import io.evalstream.reports.scoring.LabelCounts;
import io.evalstream.reports.scoring.PassAtKScore;
import io.evalstream.reports.scoring.RollupScore;
import io.evalstream.reports.scoring.RunBreakdown;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.reports.scoring.RunStatus;
import io.evalstream.reports.scoring.RunTotals;
import io.evalstream.reports.scoring.StoppedComparison;
import io.evalstream.reports.scoring.SubsetScore;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.BenchmarkSettings;
import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.CellId;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Estimate;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.LatencySummary;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.ScoreDetail;
import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.ScorerScore;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.StopDecision;
import io.evalstream.contracts.StopRule;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.VerdictCounts;
import java.util.List;
import java.util.Map;

/**
 * One run report with every section filled, hostile text where text is free (a judge's label values, stop
 * sequences) and figures that do not exist yet (a cell with no grade: no accuracy, interval, latency or ETA).
 */
final class KnownReport {

    static final String RUN = "run-7";
    static final String SCRIPT = "<script>alert(\"x\")</script>";
    static final String AWKWARD = "B: 4-5, \"older\" | or\nyounger";
    static final String HASH = Fixtures.HASH;
    static final String REASON = "openai backend failed: HttpTimeoutException: request timed out";

    private KnownReport() {
    }

    static FullRunReport report() {
        RunReport live = new RunReport(RUN, RunStatus.RUNNING, Fixtures.T0, settings(), List.of(HASH),
                new RunTotals(new Progress(9, 12, 0.75, 125.0, null), new VerdictCounts(2, 1, 0, 1, 5), null), scores(),
                List.of(category()), overall());
        RunBreakdown breakdown = new RunBreakdown(List.of(HASH),
                List.of(new PassAtKScore("sim-strong", "gsm8k", 2, 5, 5,
                        List.of(new PassAtKScore.Estimate(1, 0.4)))),
                List.of(new SubsetScore("sim-strong", "gsm8k", "abstract_algebra", "stem", 3, 2,
                        estimates(2.0 / 3, 0.208, 0.939, 2.0 / 3, 1.0 / 3), 0, List.of())),
                List.of(new GroupScore("sim-strong", "gsm8k", "stem", 3, 2,
                        estimates(2.0 / 3, 0.208, 0.939, 2.0 / 3, 1.0 / 3), 0, List.of())),
                List.of(new LabelCounts("sim-strong", "stories", "age_group", 5,
                        Map.of(AWKWARD, 3L, SCRIPT, 2L))),
                List.of(new ClusteredScore("sim-strong", "gsm8k",
                        new ClusteredMean(10, 5, 0.4, 0.1633, 0.2066, 1.6))));
        return new FullRunReport(live, breakdown,
                List.of(new StoppedComparison(new StopDecision(1, RUN, "gsm8k", StopDecision.Outcome.B_BETTER,
                        new StopRule(List.of("sim-weak", "sim-strong"), StopRule.When.DECIDED, 0.05, 0),
                        "anytime-valid paired sign test", 212, Fixtures.T0), "Howard et al. 2021", 800)));
    }

    private static List<BenchmarkSettings> settings() {
        Settings settings = Settings.of(5, true, 0.0, 1.0, 512, 1234L, List.of("Question:", "\n\n", SCRIPT, "a|b"));
        return List.of(new BenchmarkSettings("gsm8k", "default", settings, Extraction.NUMERIC, Metric.NUMERIC_EQUAL,
                        HASH),
                new BenchmarkSettings("stories", "default", Settings.defaults(), Extraction.TEXT.name(),
                        Metric.RUBRIC.name(), HASH, new Judging("tinystories", Judging.AUTO)));
    }

    private static List<BenchmarkScore> scores() {
        CallStats timeout = new CallStats(new LatencySummary(4, 812, 950, 990), new TokenUsage(1200, 340), null,
                Map.of(ErrorKind.TIMEOUT, 1L), Map.of(ErrorKind.TIMEOUT, REASON));
        return List.of(
                new BenchmarkScore(1, cell("sim-strong", "gsm8k", Category.MATH), new VerdictCounts(2, 1, 0, 1, 0),
                        estimates(0.5, 0.15, 0.85, 0.5, 0.289), new Progress(4, 4, 1.0, 0.0, Fixtures.T0), Fixtures.T0,
                        timeout, new ScoreDetail(List.of(), null, null, List.of(
                                new ScorerScore("flexible", 4, 2, estimates(0.5, 0.15, 0.85, 0.5, 0.289)),
                                new ScorerScore("strict", 4, 1, estimates(0.25, 0.046, 0.699, 0.25, 0.25))))),
                new BenchmarkScore(1, cell("sim-strong", "stories", Category.WRITING), new VerdictCounts(0, 0, 0, 0, 5),
                        new ScoreEstimates(Estimate.NONE, Estimate.mean(0.6, 0.05)),
                        new Progress(5, 5, 1.0, 0.0, Fixtures.T0), Fixtures.T0, CallStats.NONE,
                        new ScoreDetail(List.of(new DimensionScore("grammar", 5, 7.5, 0.5),
                                new DimensionScore("creativity", 5, 6.0, null)), null, null, null)),
                new BenchmarkScore(1, cell("sim-weak", "gsm8k", Category.MATH), VerdictCounts.NONE,
                        ScoreEstimates.NONE, new Progress(0, 3, 0.0, null, null), Fixtures.T0, CallStats.NONE,
                        ScoreDetail.NONE));
    }

    private static RollupScore category() {
        return new RollupScore("sim-strong", Category.MATH, 1, new Progress(4, 4, 1.0, 0.0, null),
                new VerdictCounts(2, 0, 0, 1, 0), estimates(0.5, 0.15, 0.85, 0.5, 0.289), Estimate.mean(0.5, 0.289),
                List.of(), new CallStats(new LatencySummary(4, 812, 950, 990), new TokenUsage(1200, 340), null,
                        Map.of(ErrorKind.TIMEOUT, 1L), Map.of(ErrorKind.TIMEOUT, REASON)));
    }

    private static List<RollupScore> overall() {
        return List.of(new RollupScore("sim-strong", null, 2, new Progress(9, 9, 1.0, 0.0, null),
                        new VerdictCounts(2, 0, 0, 1, 5), estimates(0.5, 0.15, 0.85, 0.556, 0.1),
                        Estimate.mean(0.55, 0.15), List.of(new DimensionScore("grammar", 5, 7.5, 0.5)),
                        new CallStats(new LatencySummary(4, 812, 950, 990), new TokenUsage(1200, 340), null,
                                Map.of(ErrorKind.TIMEOUT, 1L), Map.of(ErrorKind.TIMEOUT, REASON))),
                new RollupScore("sim-weak", null, 1, new Progress(0, 3, 0.0, 3725.0, null), VerdictCounts.NONE,
                        ScoreEstimates.NONE, Estimate.NONE, List.of(), CallStats.NONE));
    }

    private static CellId cell(String model, String benchmark, Category category) {
        return new CellId(RUN, model, benchmark, category);
    }

    private static ScoreEstimates estimates(double accuracy, double low, double high, double mean, double stdErr) {
        return new ScoreEstimates(Estimate.proportion(accuracy, low, high), Estimate.mean(mean, stdErr));
    }
}
