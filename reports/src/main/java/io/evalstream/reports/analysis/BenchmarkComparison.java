package io.evalstream.reports.analysis;

/**
 * Model A against model B on one benchmark, over the samples both have (same item, variant and sample number).
 * Samples of one item (and of one declared cluster) are not independent: {@code clustered} gives B - A with the
 * clustered standard error beside the paired test, and when some cluster holds more than one pair the verdict rests
 * on its p-value, as the paired tests assume independent pairs.
 *
 * @param pairing     how many samples were paired and how many only one side has (those are left out)
 * @param counts      for all-or-nothing scores: the 2x2 table of right and wrong (ERROR and NO_ANSWER are wrong);
 *                    null when some paired score is partial or judged
 * @param estimate    A's and B's score on the paired samples (accuracy, or mean score) and B - A with its 95%
 *                    interval
 * @param test        the paired test of B - A = 0
 * @param clustered   B - A with its naive and clustered standard errors, design effect, interval and z-test p-value;
 *                    null without pairs
 * @param power       the smallest difference this comparison detects, and the items needed for a named one; null
 *                    without pairs
 * @param decision    the verdict, taken once the p-values of all the comparison's benchmarks are adjusted together;
 *                    the REST answer writes its fields flat ({@code adjustedPValue}, {@code significant},
 *                    {@code direction}), as before
 */
public record BenchmarkComparison(String benchmarkId, Pairing pairing, Counts counts, Estimate estimate,
        PairedTest test, PairedDifference clustered, Power power, Decision decision) {

    /**
     * @param adjustedPValue the verdict's p-value (the paired test's, or the clustered one's when some cluster holds
     *                       more than one pair) adjusted across the comparison's benchmarks; null when there is none
     * @param significant    whether the adjusted p-value is below the comparison's alpha
     * @param direction      {@link Direction#GAIN} when B is significantly better, {@link Direction#LOSS} when
     *                       significantly worse, else {@link Direction#NONE}
     */
    public record Decision(Double adjustedPValue, boolean significant, Direction direction) {

        /** Before the p-values of all benchmarks are adjusted together. */
        static final Decision PENDING = new Decision(null, false, Direction.NONE);
    }

    public Double adjustedPValue() {
        return decision.adjustedPValue();
    }

    public boolean significant() {
        return decision.significant();
    }

    public Direction direction() {
        return decision.direction();
    }

    /** The p-value the verdict rests on before adjustment; null when there is none. */
    Double verdictPValue() {
        boolean clusteredPairs = clustered != null && clustered.difference().clusters() < pairing.pairs();
        return clusteredPairs ? clustered.pValue() : test.pValue();
    }

    /** This comparison with its verdict taken at {@code adjusted} (the adjusted verdict p-value) against alpha. */
    BenchmarkComparison decidedAt(Double adjusted, double alpha) {
        boolean rejected = adjusted != null && adjusted < alpha;
        Double difference = estimate.difference();
        Direction moved = !rejected || difference == null || difference == 0 ? Direction.NONE
                : difference > 0 ? Direction.GAIN : Direction.LOSS;
        return new BenchmarkComparison(benchmarkId, pairing, counts, estimate, test, clustered, power,
                new Decision(adjusted, rejected, moved));
    }

    /** Which way B moved from A. */
    public enum Direction {
        GAIN, LOSS, NONE
    }

    /**
     * @param pairs     samples both models have, the n of the test
     * @param unpairedA samples only A has
     * @param unpairedB samples only B has
     */
    public record Pairing(long pairs, long unpairedA, long unpairedB) {
    }

    /**
     * The paired 2x2 table; {@code aOnly} and {@code bOnly} are McNemar's b and c.
     */
    public record Counts(long bothRight, long aOnly, long bOnly, long neither) {

        public long pairs() {
            return bothRight + aOnly + bOnly + neither;
        }
    }

    /**
     * @param scoreA     A's accuracy (or mean score) on the paired samples; null without pairs
     * @param scoreB     B's, likewise
     * @param difference scoreB - scoreA; null without pairs
     * @param ci95Low    lower end of the 95% interval of the difference (paired Wald for accuracy, clipped to
     *                   [-1, 1]; paired t for mean scores); null when it cannot be estimated (fewer than 2 pairs of
     *                   partial scores, or none)
     * @param ci95High   upper end, likewise
     */
    public record Estimate(Double scoreA, Double scoreB, Double difference, Double ci95Low, Double ci95High) {

        static final Estimate NONE = new Estimate(null, null, null, null, null);
    }

    /** How the p-value was computed. */
    public enum Method {
        /** McNemar's exact binomial test (fewer than 25 discordant pairs). */
        MCNEMAR_EXACT,
        /** McNemar's chi-square test with continuity correction (25 discordant pairs or more). */
        MCNEMAR_CHI_SQUARE,
        /** Paired t-test of the score differences (partial or judged scores). */
        PAIRED_T,
        /** No test: no pairs. */
        NONE
    }

    /**
     * @param statistic min(b, c) for the exact McNemar test, the chi-square statistic for the approximate one, t for
     *                  the paired t-test; null when there is none (no pairs, fewer than 2 partial-score pairs, or
     *                  every pair differing by the same amount)
     * @param pValue    two-sided; null when there is no test
     */
    public record PairedTest(Method method, Double statistic, Double pValue) {

        static final PairedTest NONE = new PairedTest(Method.NONE, null, null);
    }
}
