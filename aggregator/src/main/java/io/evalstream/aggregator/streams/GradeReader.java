package io.evalstream.aggregator.streams;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.RunCheck;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.Texts;
import io.evalstream.contracts.WireFormat;
import io.evalstream.reports.scoring.GradedSample;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Decodes grades. A record that is not a valid grade, whose key is not its task id, or that contradicts its run's
 * manifest (a model, benchmark, variant or settings hash the run does not have) becomes a
 * {@link GradeRead.Rejected} carrying its raw bytes and the dead-letter headers; the stream goes on. What it reads
 * and rejects is counted in the {@link ScoreTopology#COUNTS} store, so the counts commit and abort with the output.
 */
final class GradeReader implements FixedKeyProcessor<String, byte[], GradeRead> {

    private static final Logger LOG = Logger.getLogger(GradeReader.class);
    private static final WireFormat<Grade> FORMAT = WireFormat.of(Grade.class);

    // Decoding a manifest for every grade would cost more than the grade; this task's own memo of the check, keyed by
    // the stored bytes it was made from, so a changed manifest is decoded again and nothing is shared between threads.
    private final Map<String, Checked> checks = new HashMap<>();
    private FixedKeyProcessorContext<String, GradeRead> context;
    private KeyValueStore<String, byte[]> manifests;
    private KeyValueStore<String, Long> counts;

    private record Checked(byte[] manifest, RunCheck check) {
    }

    @Override
    public void init(FixedKeyProcessorContext<String, GradeRead> context) {
        this.context = context;
        this.manifests = context.getStateStore(ScoreTopology.MANIFESTS);
        this.counts = context.getStateStore(ScoreTopology.COUNTS);
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
            reject(record, "record key '" + Texts.abbreviate(record.key(), Texts.KEY_IN_A_LOG)
                    + "' is not the grade's taskId '" + taskId
                    + "'; grades must be keyed by their taskId");
            return;
        }
        Optional<String> conflict = runCheck(grade.taskId().runId())
                .flatMap(check -> check.conflict(grade.taskId(), Purpose.EVAL, grade.context().settingsHash()));
        if (conflict.isPresent()) {
            reject(record, conflict.get());
            return;
        }
        SourcePosition source = context.recordMetadata()
                .map(metadata -> new SourcePosition(metadata.partition(), metadata.offset())).orElse(null);
        count(StreamCount.GRADES_READ);
        context.forward(record.withValue(new GradeRead.Accepted(taskId, GradedSample.of(grade, source))));
    }

    /** What the run's manifest in the global store allows; empty for a run without one (ad-hoc grades), not checked. */
    private Optional<RunCheck> runCheck(String runId) {
        byte[] stored = manifests.get(runId);
        if (stored == null) {
            checks.remove(runId);
            return Optional.empty();
        }
        Checked known = checks.get(runId);
        if (known != null && Arrays.equals(known.manifest(), stored)) {
            return Optional.of(known.check());
        }
        Optional<RunCheck> check = Manifests.decode(stored).map(RunCheck::of);
        check.ifPresentOrElse(made -> checks.put(runId, new Checked(stored, made)), () -> checks.remove(runId));
        return check;
    }

    private void count(StreamCount what) {
        Long before = counts.get(what.name());
        counts.put(what.name(), before == null ? 1 : before + 1);
    }

    private void reject(FixedKeyRecord<String, byte[]> record, String reason) {
        RecordMetadata source = context.recordMetadata().orElseThrow(() -> new IllegalStateException(
                "a grade arrived without record metadata; GradeReader must sit right after the grades source"));
        LOG.warnf("Dead-lettering record %s-%d@%d (key %s): %s", source.topic(), source.partition(), source.offset(),
                record.key(), reason);
        count(StreamCount.GRADES_DEAD_LETTERED);
        context.forward(record.withValue((GradeRead) new GradeRead.Rejected(record.value()))
                .withHeaders(DeadLetterHeaders.of(record.headers(), reason, source)));
    }
}
