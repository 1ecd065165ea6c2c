package io.evalstream.aggregator.streams;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.RunManifest;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps the global manifest store: valid manifests by runId, raw bytes as published; a tombstone forgets
 * the run. A global store has no output topic, so an invalid manifest cannot be dead-lettered from here:
 * it is skipped with a WARN and counted, and the run's previous manifest (if any) stays.
 */
final class ManifestUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(ManifestUpdater.class);

    private final ScoreEvents events;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    ManifestUpdater(ScoreEvents events) {
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(ScoreTopology.MANIFESTS);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            reject(record, "no key; the runs topic is keyed by runId");
        } else if (record.value() == null) {
            store.delete(record.key());
        } else {
            switch (Manifests.FORMAT.decode(record.value())) {
                case Decoded.Valid<RunManifest> valid -> store(record, valid.value());
                case Decoded.Invalid<RunManifest> invalid -> reject(record, invalid.reason());
            }
        }
    }

    private void store(Record<String, byte[]> record, RunManifest manifest) {
        if (!manifest.runId().equals(record.key())) {
            reject(record, "record key '" + record.key() + "' is not the manifest's runId '" + manifest.runId() + "'");
            return;
        }
        store.put(record.key(), record.value());
        events.manifestChanged(manifest);
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
