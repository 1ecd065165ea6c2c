package io.evalstream.contracts;

/**
 * A 95% interval that stays valid however often it is looked at while a run is graded (a confidence sequence: the
 * chance it ever misses the true value, at any look, is at most 5%). A fixed-n interval such as Wilson's, checked at
 * every refresh, misses far more often; this one is for watching and stopping, the fixed-n one for the final report.
 *
 * @param low  lower end, in [0, 1]
 * @param high upper end, in [low, 1]
 */
public record AnytimeInterval(double low, double high) {

    public AnytimeInterval {
        if (!(low >= 0 && low <= high && high <= 1)) {
            throw new IllegalArgumentException("an anytime interval needs 0 <= low <= high <= 1, got [" + low + ", "
                    + high + "]");
        }
    }
}
