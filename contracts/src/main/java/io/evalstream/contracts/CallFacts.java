package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The model call behind a grade, copied from the completion it grades.
 *
 * @param simulated whether the answer came from the simulator
 * @param usage     tokens in and out; null when the grade does not record them
 * @param spend     what the call cost; null, and left out of the JSON, when the completion carried none
 */
public record CallFacts(long latencyMillis, boolean simulated, TokenUsage usage,
        @JsonInclude(JsonInclude.Include.NON_NULL) Spend spend) {

    public CallFacts {
        Require.atLeast(latencyMillis, 0, "latencyMillis");
    }

    /** The latency and origin of the call that made {@code completion}; {@link Grade#recording} adds the rest. */
    public static CallFacts of(Completion completion) {
        return of(completion.latencyMillis(), completion.simulated());
    }

    /** A call that took {@code latencyMillis} and records no usage or spend. */
    public static CallFacts of(long latencyMillis, boolean simulated) {
        return new CallFacts(latencyMillis, simulated, null, null);
    }
}
