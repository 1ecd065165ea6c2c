package io.evalstream.contracts;

import java.util.List;
import java.util.Map;

/**
 * The prompt-producer's answer to an accepted run (its REST answer, here so that evalctl reads what the producer
 * writes), sent once the manifest and every task are acknowledged by Kafka.
 *
 * @param tasks             tasks published
 * @param settingsHash      settings hash per benchmark id, then per variant
 * @param benchmarkSettings every benchmark variant's effective settings, extraction, metric and hash (as in the
 *                          manifest)
 * @param published         whether the tasks were published: false for a dry run, which only plans and projects
 * @param projection        tasks, calls, tokens and the projected cost per model
 */
public record RunAccepted(String runId, long tasks, List<ExpectedCount> expected,
        Map<String, Map<String, String>> settingsHash, List<BenchmarkSettings> benchmarkSettings, boolean published,
        Projection projection) {
}
