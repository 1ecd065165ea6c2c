package io.evalstream.reports.scoring;

import java.time.Instant;

/**
 * One line of the run list.
 *
 * @param submittedAt when the run was submitted; null when its manifest is unknown
 */
public record RunSummary(String runId, RunStatus status, Instant submittedAt, RunTotals totals) {
}
