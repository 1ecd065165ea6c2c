package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the model calls behind a set of grades took, cost and how they failed.
 *
 * @param latency      percentiles of the model-call latency of the graded tasks; null until one is graded
 * @param tokens       prompt and completion tokens summed over the latest grade of each task
 * @param cost         what the latest answers cost (priced and unpriced tasks); null, and left out of the JSON, in
 *                     snapshots made before prices existed
 * @param errorKinds   ERROR grades by the kind of failure (timeout, rate_limited...); empty when none
 * @param errorReasons for each kind in {@code errorKinds}, the reason one of those grades gives (its detail, at most
 *                     {@link #MAX_REASON} characters); a kind whose grades give none is left out; empty when none
 */
public record CallStats(LatencySummary latency, TokenUsage tokens,
        @JsonInclude(JsonInclude.Include.NON_NULL) Cost cost, Map<ErrorKind, Long> errorKinds,
        Map<ErrorKind, String> errorReasons) {

    /** A sample reason says why in a line or two; a whole stack trace or program output is cut. */
    public static final int MAX_REASON = 300;

    public static final CallStats NONE = new CallStats(null, TokenUsage.NONE, null, Map.of(), Map.of());

    public CallStats {
        tokens = tokens == null ? TokenUsage.NONE : tokens;
        errorKinds = sorted(errorKinds);
        errorReasons = sorted(errorReasons);
    }

    private static <V> Map<ErrorKind, V> sorted(Map<ErrorKind, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
