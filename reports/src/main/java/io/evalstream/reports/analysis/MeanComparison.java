package io.evalstream.reports.analysis;

import io.evalstream.reports.analysis.BenchmarkComparison.Estimate;
import io.evalstream.reports.analysis.BenchmarkComparison.Method;
import io.evalstream.reports.analysis.BenchmarkComparison.PairedTest;
import io.evalstream.reports.analysis.BenchmarkComparison.Pairing;
import io.evalstream.reports.scoring.GradedSample;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/** Mean scores of paired samples with partial credit or judge scores: B - A, its t interval, a paired t-test. */
final class MeanComparison {

    private MeanComparison() {
    }

    /** @param pairs A's and B's sample of each pair, at least one pair */
    static BenchmarkComparison of(String benchmarkId, Pairing pairing, List<GradedSample[]> pairs) {
        double[] a = pairs.stream().mapToDouble(pair -> pair[0].score()).toArray();
        double[] b = pairs.stream().mapToDouble(pair -> pair[1].score()).toArray();
        double meanA = StatUtils.mean(a);
        double meanB = StatUtils.mean(b);
        double difference = StatUtils.meanDifference(b, a);
        if (pairs.size() < 2) {
            return PairedComparison.tested(benchmarkId, pairing, null,
                    new Estimate(meanA, meanB, difference, null, null), new PairedTest(Method.PAIRED_T, null, null));
        }
        double variance = StatUtils.varianceDifference(b, a, difference);
        if (!(variance > 0)) {
            // Every pair differs by the same amount: no spread to test against; the difference is either nothing
            // or certain.
            PairedTest test = difference == 0 ? new PairedTest(Method.PAIRED_T, 0.0, 1.0)
                    : new PairedTest(Method.PAIRED_T, null, 0.0);
            return PairedComparison.tested(benchmarkId, pairing, null,
                    new Estimate(meanA, meanB, difference, difference, difference), test);
        }
        double halfWidth = new TDistribution(null, pairs.size() - 1.0).inverseCumulativeProbability(0.975)
                * Math.sqrt(variance / pairs.size());
        TTest tTest = new TTest();
        PairedTest test = new PairedTest(Method.PAIRED_T, tTest.pairedT(b, a), tTest.pairedTTest(b, a));
        return PairedComparison.tested(benchmarkId, pairing, null,
                new Estimate(meanA, meanB, difference, difference - halfWidth, difference + halfWidth), test);
    }
}
