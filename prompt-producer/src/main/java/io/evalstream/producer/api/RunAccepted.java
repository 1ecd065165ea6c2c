package io.evalstream.producer.api;

import io.evalstream.contracts.ExpectedCount;
import java.util.List;
import java.util.Map;

/**
 * The answer to an accepted run, sent once the manifest and every task are acknowledged by Kafka.
 *
 * @param tasks        tasks published
 * @param settingsHash settings hash per benchmark id (the extraction method differs per benchmark)
 */
public record RunAccepted(String runId, long tasks, List<ExpectedCount> expected, Map<String, String> settingsHash) {
}
