package io.evalstream.reports.scoring;

/** Where a run stands, as far as the aggregator can tell from its manifest and grades. */
public enum RunStatus {
    /** The manifest is known and at least one of its cells has fewer grades than expected. */
    RUNNING,
    /** Every cell of the manifest has as many graded tasks as it expects. */
    COMPLETE,
    /** Grades arrived but no valid manifest, so nothing is known about what to expect. */
    UNKNOWN_MANIFEST
}
