package io.evalstream.reports.analysis;

import io.evalstream.reports.analysis.BenchmarkComparison.Counts;
import io.evalstream.reports.analysis.BenchmarkComparison.Decision;
import io.evalstream.reports.analysis.BenchmarkComparison.Estimate;
import io.evalstream.reports.analysis.BenchmarkComparison.Method;
import io.evalstream.reports.analysis.BenchmarkComparison.PairedTest;
import io.evalstream.reports.analysis.BenchmarkComparison.Pairing;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.Moments;
import io.evalstream.contracts.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares model A with model B on one benchmark, sample by sample. With all-or-nothing scores the accuracies are
 * compared with McNemar's test and a paired Wald interval; with partial or judged scores the mean scores with a
 * paired t-test; beside them, B - A with its clustered standard error ({@link PairedDifference}) and its power.
 * The verdict here is unadjusted: {@link ModelComparison} adjusts it across benchmarks.
 */
public final class PairedComparison {

    /** Two-sided 95% normal quantile. */
    static final double Z95 = 1.959963984540054;

    private PairedComparison() {
    }

    /**
     * @param a     A's latest samples of the benchmark by {@link PairKey}
     * @param b     B's, likewise
     */
    public static BenchmarkComparison compare(String benchmarkId, Map<PairKey, GradedSample> a,
            Map<PairKey, GradedSample> b, CompareOptions options) {
        List<GradedSample[]> pairs = new ArrayList<>();
        Map<String, Moments> differences = new HashMap<>();
        a.forEach((key, sampleA) -> {
            GradedSample sampleB = b.get(key);
            if (sampleB != null) {
                pairs.add(new GradedSample[] {sampleA, sampleB});
                differences.merge(options.clusterOf(benchmarkId, key.itemId(), sampleA),
                        Moments.EMPTY.add(sampleB.score() - sampleA.score()), Moments::plus);
            }
        });
        Pairing pairing = new Pairing(pairs.size(), a.size() - pairs.size(), b.size() - pairs.size());
        if (pairs.isEmpty()) {
            return tested(benchmarkId, pairing, null, Estimate.NONE, PairedTest.NONE);
        }
        double alpha = options.alpha();
        BenchmarkComparison unclustered = pairs.stream().allMatch(pair -> allOrNothing(pair[0]) && allOrNothing(pair[1]))
                ? proportions(benchmarkId, pairing, counts(pairs))
                : MeanComparison.of(benchmarkId, pairing, pairs);
        PairedDifference clustered = PairedDifference.of(differences.values());
        Power power = Power.of(clustered.difference(), alpha, options.power(), options.forDifference());
        BenchmarkComparison comparison = new BenchmarkComparison(benchmarkId, pairing, unclustered.counts(),
                unclustered.estimate(), unclustered.test(), clustered, power, Decision.PENDING);
        return comparison.decidedAt(comparison.verdictPValue(), alpha);
    }

    /** Accuracies of the 2x2 table, B - A with its paired Wald interval, and McNemar's test. */
    static BenchmarkComparison proportions(String benchmarkId, Pairing pairing, Counts counts) {
        double n = counts.pairs();
        long b = counts.aOnly();
        long c = counts.bOnly();
        double difference = (c - b) / n;
        double se = Math.sqrt(Math.max(0, b + c - (double) (b - c) * (b - c) / n)) / n;
        Estimate estimate = new Estimate((counts.bothRight() + b) / n, (counts.bothRight() + c) / n, difference,
                Math.max(-1, difference - Z95 * se), Math.min(1, difference + Z95 * se));
        McNemar.Result result = McNemar.test(b, c);
        PairedTest test = new PairedTest(result.method() == McNemar.Method.EXACT ? Method.MCNEMAR_EXACT
                : Method.MCNEMAR_CHI_SQUARE, result.statistic(), result.pValue());
        return tested(benchmarkId, pairing, counts, estimate, test);
    }

    /** The paired test's result, not yet decided. */
    static BenchmarkComparison tested(String benchmarkId, Pairing pairing, Counts counts, Estimate estimate,
            PairedTest test) {
        return new BenchmarkComparison(benchmarkId, pairing, counts, estimate, test, null, null, Decision.PENDING);
    }

    /**
     * Scores of 0 or 1 that are not a judge's: accuracy applies, and NO_ANSWER and the model's own ERRORs count as
     * wrong.
     */
    private static boolean allOrNothing(GradedSample sample) {
        return sample.verdict() != Verdict.JUDGED && (sample.score() == 0.0 || sample.score() == 1.0);
    }

    private static Counts counts(List<GradedSample[]> pairs) {
        long both = 0;
        long aOnly = 0;
        long bOnly = 0;
        long neither = 0;
        for (GradedSample[] pair : pairs) {
            boolean a = pair[0].verdict() == Verdict.CORRECT;
            boolean b = pair[1].verdict() == Verdict.CORRECT;
            if (a && b) {
                both++;
            } else if (a) {
                aOnly++;
            } else if (b) {
                bOnly++;
            } else {
                neither++;
            }
        }
        return new Counts(both, aOnly, bOnly, neither);
    }
}
