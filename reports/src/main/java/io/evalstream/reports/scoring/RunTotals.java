package io.evalstream.reports.scoring;

import io.evalstream.contracts.Progress;
import io.evalstream.contracts.VerdictCounts;
import java.util.List;

/**
 * Sums over every cell of a run.
 *
 * @param grading  graded; the tasks the manifest expects (0 when it is unknown); graded / expected and the seconds
 *                 until every expected task is graded at the run's pace since its first grade (both null while the
 *                 manifest is unknown; the ETA also while nothing is graded)
 * @param counts   grades by verdict
 * @param cost     what the latest answers cost, in all and per model
 */
public record RunTotals(Progress grading, VerdictCounts counts, RunCost cost) {

    public RunTotals {
        cost = cost == null ? RunCost.of(List.of()) : cost;
    }
}
