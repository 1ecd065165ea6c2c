package io.evalstream.aggregator.scoring;

import java.util.List;

/**
 * Sums over every cell of a run.
 *
 * @param expected tasks the manifest expects; 0 when the manifest is unknown
 * @param progress graded / expected in [0, 1]; null when the manifest is unknown
 * @param judged   grades with verdict JUDGED (scored by a judge on a rubric)
 * @param etaSeconds seconds until every expected task is graded, at the run's pace since its first grade; 0 when
 *                   complete; null while the manifest is unknown or nothing is graded
 * @param cost     what the latest answers cost, in all and per model
 */
public record RunTotals(long expected, long graded, long correct, long incorrect, long noAnswer, long errors,
        Double progress, long judged, Double etaSeconds, RunCost cost) {

    public RunTotals {
        cost = cost == null ? RunCost.of(List.of()) : cost;
    }

    /** Totals without a cost. */
    public RunTotals(long expected, long graded, long correct, long incorrect, long noAnswer, long errors,
            Double progress, long judged, Double etaSeconds) {
        this(expected, graded, correct, incorrect, noAnswer, errors, progress, judged, etaSeconds, null);
    }
}
