package io.evalstream.aggregator.streams;

import io.evalstream.contracts.RunCheck;
import io.evalstream.contracts.RunManifest;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps the global manifest store: valid manifests by runId, raw bytes as published; a tombstone forgets
 * the run. A global store has no output topic, so an invalid manifest is not dead-lettered from here
 * ({@code ManifestDeadLetters} does that, once, in a consumer group of its own): it is skipped with a WARN and
 * counted, and the run's previous manifest (if any) stays.
 */
final class ManifestUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(ManifestUpdater.class);

    private final ScoreEvents events;
    private final Map<String, RunCheck> checks;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    /** @param checks what each run's manifest allows, kept here for the grade reader */
    ManifestUpdater(ScoreEvents events, Map<String, RunCheck> checks) {
        this.events = events;
        this.checks = checks;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(ScoreTopology.MANIFESTS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Optional<String> rejection = Manifests.rejection(record.key(), record.value());
        if (rejection.isPresent()) {
            reject(record, rejection.get());
        } else if (record.value() == null) {
            store.delete(record.key());
            checks.remove(record.key());
        } else {
            RunManifest manifest = Manifests.decode(record.value()).orElseThrow();
            store.put(record.key(), record.value());
            checks.put(record.key(), RunCheck.of(manifest));
            events.manifestChanged(manifest);
        }
    }

    private void reject(Record<String, byte[]> record, String reason) {
        String where = context.recordMetadata().map(ManifestUpdater::describe).orElse("the runs topic");
        LOG.warnf("Skipping run manifest at %s (key %s): %s. The run keeps its previous manifest, if any;"
                + " publish a valid one to fix its report", where, record.key(), reason);
        events.manifestRejected();
    }

    private static String describe(RecordMetadata source) {
        return source.topic() + "-" + source.partition() + "@" + source.offset();
    }
}
