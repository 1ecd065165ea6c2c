package io.evalstream.reports.scoring;

import java.util.List;

/**
 * pass@k of one (model, benchmark) cell, averaged over its problems (an item in one variant).
 *
 * @param problems   problems with at least one graded sample
 * @param minSamples fewest graded samples of any problem: the largest k reported
 * @param maxSamples most graded samples of any problem
 * @param estimates  for each k of {@link PassAtK#KS} up to {@code minSamples}, ascending
 */
public record PassAtKScore(String modelId, String benchmarkId, long problems, int minSamples, int maxSamples,
        List<Estimate> estimates) {

    public PassAtKScore {
        estimates = List.copyOf(estimates);
    }

    /** pass@k for one k, in [0, 1]. */
    public record Estimate(int k, double value) {
    }
}
