package io.evalstream.aggregator.streams;

import io.evalstream.aggregator.scoring.GradedSample;
import io.evalstream.aggregator.scoring.SourcePosition;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.WireFormat;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Decodes grades. A record that is not a valid grade, or whose key is not its task id, becomes a
 * {@link GradeRead.Rejected} carrying its raw bytes and the dead-letter headers; the stream goes on.
 */
final class GradeReader implements FixedKeyProcessor<String, byte[], GradeRead> {

    private static final Logger LOG = Logger.getLogger(GradeReader.class);
    private static final WireFormat<Grade> FORMAT = WireFormat.of(Grade.class);

    private final ScoreEvents events;
    private FixedKeyProcessorContext<String, GradeRead> context;

    GradeReader(ScoreEvents events) {
        this.events = events;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, GradeRead> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        switch (FORMAT.decode(record.value())) {
            case Decoded.Valid<Grade> valid -> accept(record, valid.value());
            case Decoded.Invalid<Grade> invalid -> reject(record, invalid.reason());
        }
    }

    private void accept(FixedKeyRecord<String, byte[]> record, Grade grade) {
        String taskId = grade.taskId().toString();
        if (record.key() != null && !record.key().equals(taskId)) {
            reject(record, "record key '" + record.key() + "' is not the grade's taskId '" + taskId
                    + "'; grades must be keyed by their taskId");
            return;
        }
        SourcePosition source = context.recordMetadata()
                .map(metadata -> new SourcePosition(metadata.partition(), metadata.offset())).orElse(null);
        events.gradeRead();
        context.forward(record.withValue(new GradeRead.Accepted(taskId, GradedSample.of(grade, source))));
    }

    private void reject(FixedKeyRecord<String, byte[]> record, String reason) {
        RecordMetadata source = context.recordMetadata().orElseThrow(() -> new IllegalStateException(
                "a grade arrived without record metadata; GradeReader must sit right after the grades source"));
        LOG.warnf("Dead-lettering record %s-%d@%d (key %s): %s", source.topic(), source.partition(), source.offset(),
                record.key(), reason);
        events.deadLettered(source.topic());
        context.forward(record.withValue((GradeRead) new GradeRead.Rejected(record.value()))
                .withHeaders(DeadLetterHeaders.of(record.headers(), reason, source)));
    }
}
