package io.evalstream.reports.scoring;

/**
 * The mean score of a (model, benchmark) cell with its naive and clustered standard errors and the design effect
 * (Miller 2024, "Adding Error Bars to Evals"): the samples and prompt variants of one item are one cluster, so a run
 * with several samples per item does not pass for a run with that many items.
 */
public record ClusteredScore(String modelId, String benchmarkId, ClusteredMean score) {
}
