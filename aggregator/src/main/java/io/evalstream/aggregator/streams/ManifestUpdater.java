package io.evalstream.aggregator.streams;

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
 * ({@code ManifestDeadLetters} does that, and counts it, once, in a consumer group of its own): it is skipped with
 * a WARN, and the run's previous manifest (if any) stays. The store is the only thing it changes: the stream threads
 * and the gauges read the manifests from there.
 */
final class ManifestUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(ManifestUpdater.class);

    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

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
        } else {
            store.put(record.key(), record.value());
        }
    }

    private void reject(Record<String, byte[]> record, String reason) {
        String where = context.recordMetadata().map(ManifestUpdater::describe).orElse("the runs topic");
        LOG.warnf("Skipping run manifest at %s (key %s): %s. The run keeps its previous manifest, if any;"
                + " publish a valid one to fix its report", where, record.key(), reason);
    }

    private static String describe(RecordMetadata source) {
        return source.topic() + "-" + source.partition() + "@" + source.offset();
    }
}
