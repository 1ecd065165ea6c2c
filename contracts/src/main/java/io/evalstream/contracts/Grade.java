package io.evalstream.contracts;

import java.time.Instant;

/**
 * The grader's verdict on one completion (grades topic, key = taskId).
 *
 * @param score     1.0 for CORRECT, 0.0 otherwise (partial scores come with partial-credit metrics)
 * @param extracted the answer found in the completion; null when none was found or the call failed
 * @param grader    grader name and version, e.g. {@code numeric@1}
 * @param errorKind why the model call failed, when verdict is ERROR
 */
public record Grade(int schemaVersion, TaskId taskId, Verdict verdict, double score, String extracted,
        String reference, Category category, String grader, String settingsHash, long latencyMillis,
        boolean simulated, ErrorKind errorKind, Instant gradedAt) {

    public Grade {
        Require.supportedVersion(schemaVersion);
        Require.present(taskId, "taskId");
        Require.present(verdict, "verdict");
        Require.between(score, 0.0, 1.0, "score");
        Require.present(category, "category");
        Require.nonBlank(grader, "grader");
        Require.nonBlank(settingsHash, "settingsHash");
        Require.atLeast(latencyMillis, 0, "latencyMillis");
        if (verdict == Verdict.ERROR) {
            Require.present(errorKind, "errorKind");
        }
        Require.present(gradedAt, "gradedAt");
    }
}
