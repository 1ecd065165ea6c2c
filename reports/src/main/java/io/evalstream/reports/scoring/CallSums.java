package io.evalstream.reports.scoring;

import io.evalstream.contracts.CallStats;
import io.evalstream.contracts.TokenUsage;

/**
 * What a cell's model calls came to: ERROR grades by kind with a sample reason each, latencies, tokens and cost.
 *
 * @param errorCounts ERROR grades by kind (grades that name their kind)
 * @param latency     model-call latencies of the grades that report one
 * @param tokens      prompt and completion tokens summed (never cached prompt tokens)
 * @param cost        what the latest answers cost
 */
public record CallSums(ErrorCounts errorCounts, LatencyHistogram latency, TokenUsage tokens, CostSum cost) {

    public static final CallSums NONE = new CallSums(ErrorCounts.NONE, LatencyHistogram.EMPTY, TokenUsage.NONE,
            CostSum.EMPTY);

    public CallSums {
        errorCounts = errorCounts == null ? ErrorCounts.NONE : errorCounts;
        latency = latency == null ? LatencyHistogram.EMPTY : latency;
        tokens = tokens == null ? TokenUsage.NONE : new TokenUsage(tokens.promptTokens(), tokens.completionTokens());
        cost = cost == null ? CostSum.EMPTY : cost;
    }

    /** These sums with a sample's call added ({@code delta} 1) or taken back (-1). */
    CallSums move(SampleCall call, int delta) {
        TokenUsage usage = call.usageOrNone();
        Long millis = call.latencyMillis();
        // A task never asked (stopped early, over budget) made no call: its 0 ms would drag the latency down.
        boolean called = millis != null && (call.errorKind() == null || !call.errorKind().neverAsked());
        return new CallSums(errorCounts.move(call.errorKind(), call.errorReason(), delta),
                !called ? latency : delta > 0 ? latency.add(millis) : latency.remove(millis),
                new TokenUsage(tokens.promptTokens() + delta * usage.promptTokens(),
                        tokens.completionTokens() + delta * usage.completionTokens()),
                cost.move(call.spend(), delta));
    }

    CallSums plus(CallSums other) {
        return new CallSums(errorCounts.plus(other.errorCounts), latency.plus(other.latency),
                new TokenUsage(tokens.promptTokens() + other.tokens.promptTokens(),
                        tokens.completionTokens() + other.tokens.completionTokens()), cost.plus(other.cost));
    }

    /** Latency percentiles, tokens, cost and errors by kind with a sample reason per kind. */
    CallStats stats() {
        return new CallStats(latency.summary(), tokens, cost.figure(), errorCounts.counts(), errorCounts.reasons());
    }
}
