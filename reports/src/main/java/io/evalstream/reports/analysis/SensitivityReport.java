package io.evalstream.reports.analysis;

import java.util.List;

/**
 * Prompt sensitivity of one run.
 *
 * @param samples the run's graded samples (latest grade of each task)
 * @param spreads one per (model, benchmark) run in two or more template variants, by model then benchmark; empty
 *                when every benchmark ran in one variant
 */
public record SensitivityReport(String runId, long samples, List<VariantSpread> spreads) {
}
