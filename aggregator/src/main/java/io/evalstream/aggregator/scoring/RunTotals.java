package io.evalstream.aggregator.scoring;

/**
 * Sums over every cell of a run.
 *
 * @param expected tasks the manifest expects; 0 when the manifest is unknown
 * @param progress graded / expected in [0, 1]; null when the manifest is unknown
 * @param judged   grades with verdict JUDGED (scored by a judge on a rubric)
 */
public record RunTotals(long expected, long graded, long correct, long incorrect, long noAnswer, long errors,
        Double progress, long judged) {
}
