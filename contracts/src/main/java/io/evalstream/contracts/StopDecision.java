package io.evalstream.contracts;

import java.time.Instant;

/**
 * A comparison stopped early, as published on the compacted stops topic (key {@code runId/benchmarkId}): the
 * benchmark's remaining tasks of the run end as {@link ErrorKind#STOPPED_EARLY}. Written once per key.
 *
 * @param outcome   what the sequential test found
 * @param rule      the run's stop rule (models compared, alpha, margin)
 * @param test      the sequential test's name, for reports
 * @param pairs     items both models had answered at the decision
 * @param decidedAt when the decision was made
 */
public record StopDecision(int schemaVersion, String runId, String benchmarkId, Outcome outcome, StopRule rule,
        String test, long pairs, Instant decidedAt) {

    /** What stopped the comparison. */
    public enum Outcome {
        A_BETTER,
        B_BETTER,
        FUTILE
    }

    public StopDecision {
        Require.supportedVersion(schemaVersion);
        Require.id(runId, "runId");
        Require.id(benchmarkId, "benchmarkId");
        Require.present(outcome, "outcome");
        Require.present(rule, "rule");
        Require.nonBlank(test, "test");
        Require.atLeast(pairs, 0, "pairs");
        Require.present(decidedAt, "decidedAt");
    }

    /** The record's key on the stops topic. */
    public static String key(String runId, String benchmarkId) {
        return runId + "/" + benchmarkId;
    }

    public String key() {
        return key(runId, benchmarkId);
    }

    /** For a completion's reason: which model the test found better, or that the difference is too small. */
    public String describe() {
        String found = switch (outcome) {
            case A_BETTER -> rule.a() + " is better than " + rule.b();
            case B_BETTER -> rule.b() + " is better than " + rule.a();
            case FUTILE -> "no difference of " + rule.margin() + " between " + rule.a() + " and " + rule.b()
                    + " is left to find";
        };
        return "stopped early on " + benchmarkId + ": " + found + " (" + test + ", alpha " + rule.alpha() + ", after "
                + pairs + " pairs)";
    }
}
