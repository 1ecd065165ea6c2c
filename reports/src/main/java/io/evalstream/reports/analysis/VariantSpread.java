package io.evalstream.reports.analysis;

import java.util.List;

/**
 * How much one model's score on one benchmark depends on the prompt template variant.
 *
 * @param variants     per variant its score, by variant id (at least two)
 * @param min          the lowest variant mean score
 * @param max          the highest
 * @param spread       max - min
 * @param stdDev       sample standard deviation (n - 1) of the variant mean scores
 * @param bestVariant  the variant with the highest mean score (the first by id on a tie)
 * @param worstVariant the variant with the lowest (the first by id on a tie)
 */
public record VariantSpread(String modelId, String benchmarkId, List<VariantScore> variants, double min, double max,
        double spread, double stdDev, String bestVariant, String worstVariant) {

    /**
     * @param samples   graded samples of the variant
     * @param meanScore mean score in [0, 1] (ERROR counts 0)
     * @param accuracy  CORRECT / samples when every score is 0 or 1 and none is judged; else null
     */
    public record VariantScore(String variant, long samples, double meanScore, Double accuracy) {
    }
}
