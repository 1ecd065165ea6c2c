package io.evalstream.reports.scoring;

import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Spend;
import io.evalstream.contracts.TokenUsage;

/**
 * The model call behind one graded sample, as much as its cell's {@link CallSums} counts. Every part is null when
 * not known, as in state written before it was kept.
 *
 * @param latencyMillis the call's latency
 * @param usage         the call's tokens; null when none were reported
 * @param spend         what the call cost; null when its completion carried no spend (unknown)
 * @param errorKind     why the call failed, for ERROR grades; null otherwise
 * @param errorReason   the ERROR grade's detail, cut to {@link CallStats#MAX_REASON} characters; null for other
 *                      grades and ERROR grades without one
 */
public record SampleCall(Long latencyMillis, TokenUsage usage, Spend spend, ErrorKind errorKind, String errorReason) {

    public static final SampleCall NONE = new SampleCall(null, null, null, null, null);

    public SampleCall {
        usage = TokenUsage.NONE.equals(usage) ? null : usage;
    }

    /** A call that took {@code latencyMillis} and used {@code usage} tokens, with no spend and no error. */
    public static SampleCall took(Long latencyMillis, TokenUsage usage) {
        return new SampleCall(latencyMillis, usage, null, null, null);
    }

    public SampleCall withSpend(Spend cost) {
        return new SampleCall(latencyMillis, usage, cost, errorKind, errorReason);
    }

    /** This call failed with {@code kind}, for {@code reason} (null when none was given). */
    public SampleCall failed(ErrorKind kind, String reason) {
        return new SampleCall(latencyMillis, usage, spend, kind, reason);
    }

    /** The tokens, none when not reported. */
    public TokenUsage usageOrNone() {
        return usage == null ? TokenUsage.NONE : usage;
    }
}
