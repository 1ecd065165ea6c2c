package io.evalstream.reports.scoring;

import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.Estimate;
import io.evalstream.contracts.Progress;
import io.evalstream.contracts.ScoreEstimates;
import io.evalstream.contracts.VerdictCounts;
import java.util.List;

/**
 * A model's score over several benchmarks of one run: those of one category, or all of them (category null).
 * The headline is {@code benchmarkMean}, the mean of the benchmarks' mean scores with each benchmark weighing the
 * same (as GPT-Fathom averages a category), with the standard error sqrt(sum of the benchmarks' squared standard
 * errors) / benchmarks. The pooled figures count every graded task once, so large benchmarks weigh more.
 *
 * @param category      null for the model's overall score
 * @param benchmarks    benchmarks with at least one grade
 * @param grading       graded, expected, graded / expected (null when nothing is expected) and the ETA
 * @param estimates     pooled accuracy (judged grades left out) with its Wilson interval, and the pooled mean of every
 *                      grade's score with its standard error
 * @param benchmarkMean mean of the benchmarks' mean scores (NONE while none has a grade) and its standard error (null
 *                      while some benchmark has fewer than 2 grades); JSON {@code benchmarkMean},
 *                      {@code benchmarkMeanStdErr}
 * @param calls         latency, tokens and errors by kind with a sample reason per kind, as on a benchmark's score
 */
public record RollupScore(String modelId, Category category, int benchmarks, Progress grading,
        VerdictCounts counts, ScoreEstimates estimates, Estimate benchmarkMean,
        List<DimensionScore> judgeScores, CallStats calls) {

    public RollupScore {
        judgeScores = List.copyOf(judgeScores);
    }

    /** The benchmark mean's value; JSON {@code benchmarkMean} (see {@code api.ReportJson}). */
    public Double benchmarkMeanValue() {
        return benchmarkMean.value();
    }

    /** The benchmark mean's standard error; JSON {@code benchmarkMeanStdErr}. */
    public Double benchmarkMeanStdErr() {
        return benchmarkMean.stdErr();
    }
}
