package io.evalstream.aggregator.scoring;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.LatencySummary;
import io.evalstream.contracts.TokenUsage;
import java.util.List;
import java.util.Map;

/**
 * A model's score over several benchmarks of one run: those of one category, or all of them (category null).
 * The headline is {@code benchmarkMean}, the mean of the benchmarks' mean scores with each benchmark weighing the
 * same (as GPT-Fathom averages a category), with the standard error sqrt(sum of the benchmarks' squared standard
 * errors) / benchmarks. The pooled figures count every graded task once, so large benchmarks weigh more.
 *
 * @param category            null for the model's overall score
 * @param benchmarks          benchmarks with at least one grade
 * @param accuracy            pooled correct / trials (judged grades left out), with its Wilson interval
 * @param meanScore           pooled mean of every grade's score, with its standard error
 * @param benchmarkMean       mean of the benchmarks' mean scores; null while none has a grade
 * @param benchmarkMeanStdErr its standard error; null while some benchmark has fewer than 2 grades
 * @param progress            graded / expected; null when nothing is expected
 * @param etaSeconds          seconds until every expected task is graded, at the pace since the first grade
 * @param errorReasons        a sample reason per kind of {@code errorKinds}, as on a benchmark's score
 */
public record RollupScore(String modelId, Category category, int benchmarks, long expected, long graded,
        long correct, long errors, long judged, Double accuracy, Double ci95Low, Double ci95High, Double meanScore,
        Double meanScoreStdErr, Double benchmarkMean, Double benchmarkMeanStdErr, Double progress, Double etaSeconds,
        List<DimensionScore> judgeScores, Map<ErrorKind, Long> errorKinds, LatencySummary latency, TokenUsage tokens,
        Map<ErrorKind, String> errorReasons) {

    public RollupScore {
        judgeScores = List.copyOf(judgeScores);
        errorKinds = Map.copyOf(errorKinds);
        errorReasons = Map.copyOf(errorReasons);
    }
}
