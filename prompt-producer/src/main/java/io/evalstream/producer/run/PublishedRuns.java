package io.evalstream.producer.run;

import io.evalstream.contracts.RunManifest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The manifests this instance has published, latest per run id; the compacted runs topic is the durable record. */
public final class PublishedRuns {

    private final Map<String, RunManifest> byRunId = new ConcurrentHashMap<>();

    public void remember(RunManifest manifest) {
        byRunId.put(manifest.runId(), manifest);
    }

    public Optional<RunManifest> find(String runId) {
        return Optional.ofNullable(byRunId.get(runId));
    }
}
