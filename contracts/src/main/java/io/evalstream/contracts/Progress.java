package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * How far the grading of a set of tasks has come.
 *
 * @param expected      tasks the run published for the set; 0 when its manifest is not known (yet)
 * @param fraction      graded / expected in [0, 1] (JSON {@code progress}); null when expected is unknown
 * @param etaSeconds    estimated seconds until the set is fully graded, at the pace since its first grade; 0 when
 *                      complete; null while it cannot be estimated (nothing graded, or nothing expected)
 * @param firstGradedAt when the set's first grade was made; null until then
 */
public record Progress(long graded, long expected, @JsonProperty("progress") Double fraction, Double etaSeconds,
        Instant firstGradedAt) {

    public Progress {
        Require.atLeast(graded, 0, "graded");
        Require.atLeast(expected, 0, "expected");
    }
}
