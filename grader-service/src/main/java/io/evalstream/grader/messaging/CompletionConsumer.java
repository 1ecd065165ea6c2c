package io.evalstream.grader.messaging;

import io.evalstream.benchmarks.grading.Grader;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.RunDirectory;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.Texts;
import io.evalstream.contracts.WireFormat;
import io.evalstream.servicekit.EventLoops;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * Grades every completion and publishes the grade keyed by taskId, pointing at the completion's place on the
 * completions topic rather than copying its prompt and text. A grade carries its completion's ack, so
 * the completion's offset is committed only once the broker has the grade; an answer for a judge model is acked
 * once its judge task is on the broker, and the judge's completion later carries the subject's grade. A completion
 * the grader cannot grade (sandbox or automatic judge unavailable) gets an UNGRADABLE error grade, so its run counts
 * it. A record that cannot be read, or whose task contradicts its run's manifest (so is none of its expected tasks),
 * is nacked, and the channel's dead-letter-queue strategy writes it to the DLQ with the reason.
 */
@ApplicationScoped
public class CompletionConsumer {

    private static final Logger LOG = Logger.getLogger(CompletionConsumer.class);
    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);
    private static final WireFormat<Grade> GRADES = WireFormat.of(Grade.class);

    /**
     * Completions graded at once; code executions and automatic judging take long and must not hold up the text
     * grading behind them.
     */
    private static final int IN_FLIGHT = 256;

    private final GradeMetrics metrics;
    private final CodeExecutions code;
    private final Judges judges;
    private final RunDirectory runs;
    private final EventLoops loops;

    CompletionConsumer(GradeMetrics metrics, CodeExecutions code, Judges judges, RunDirectory runs, Vertx vertx) {
        this.metrics = metrics;
        this.code = code;
        this.judges = judges;
        this.runs = runs;
        this.loops = EventLoops.of(vertx, Integer.MAX_VALUE);
    }

    // A stream transformer rather than a per-message processor: one mediator call for the whole stream. Offsets
    // are acked per record and committed in order by the connector, so completing out of order loses nothing.
    @Incoming("completions")
    @Outgoing("grades")
    public Multi<Message<byte[]>> grade(Multi<Message<byte[]>> completions) {
        // Each completion is decoded, graded and its grade encoded on the next of the event loops (one per core), not
        // all on the channel's one, which alone could not keep up with thousands of completions a second. One Uni
        // per completion and plain stages inside it: every Uni subscribed captures and restores the request context
        // (SmallRye Context Propagation), and a chain of them per completion was 12% of the event loops' time.
        return completions.onItem()
                .transformToUni(record -> Uni.createFrom().completionStage(() -> loops.onNext(() -> grade(record))))
                .merge(IN_FLIGHT)
                .filter(Optional::isPresent).map(Optional::get);
    }

    private CompletionStage<Optional<Message<byte[]>>> grade(Message<byte[]> record) {
        IncomingKafkaRecordMetadata<?, ?> source = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        try {
            Completion completion = switch (COMPLETIONS.decode(record.getPayload())) {
                case Decoded.Valid<Completion> valid -> valid.value();
                case Decoded.Invalid<Completion> invalid -> throw new InvalidRecordException(invalid.reason());
            };
            String taskId = completion.taskId().toString();
            if (source.getKey() != null && !taskId.equals(source.getKey())) {
                throw new InvalidRecordException("record key '"
                        + Texts.abbreviate(source.getKey().toString(), Texts.KEY_IN_A_LOG)
                        + "' differs from taskId '" + taskId + "'; completions are keyed by their taskId");
            }
            return runs.lookup(completion.taskId().runId()).thenCompose(run -> {
                PromptTask task = completion.task();
                Optional<String> conflict = run.flatMap(check -> check.conflict(task.taskId(), task.purpose(),
                        task.settingsHash()));
                if (conflict.isPresent()) {
                    return deadLettered(record, source, new InvalidRecordException(conflict.get()));
                }
                return grade(record, source, completion);
            });
        } catch (InvalidRecordException e) {
            return deadLettered(record, source, e);
        }
    }

    private CompletionStage<Optional<Message<byte[]>>> grade(Message<byte[]> record,
            IncomingKafkaRecordMetadata<?, ?> source, Completion completion) {
        try {
            if (Judges.judges(completion)) {
                return publishOrAck(record, source, judges.grade(completion));
            }
            // The grade points at the completion it grades instead of copying its prompt and text. A judge's grade
            // (above) copies them: it is made from the judge's completion, not from the subject's record.
            SourcePosition at = new SourcePosition(source.getPartition(), source.getOffset());
            if (completion.task().byExecution()) {
                return publishOrAck(record, source, code.grade(completion).map(grade -> Optional.of(
                        grade.pointingAt(at))));
            }
            return CompletableFuture.completedFuture(
                    Optional.of(publish(record, source, Grader.grade(completion, Instant.now()).pointingAt(at))));
        } catch (InvalidRecordException e) {
            return deadLettered(record, source, e);
        }
    }

    /**
     * Publishes the grade when there is one, else acks the completion (its judge task is on the broker); whatever
     * else stopped the grading (a judge task not published), the completion is kept on the DLQ, not lost.
     */
    private CompletionStage<Optional<Message<byte[]>>> publishOrAck(Message<byte[]> record,
            IncomingKafkaRecordMetadata<?, ?> source, Uni<Optional<Grade>> grading) {
        return grading.onItem().transformToUni(grade -> grade.isPresent()
                ? Uni.createFrom().item(Optional.of(publish(record, source, grade.get())))
                : Uni.createFrom().completionStage(record.ack()).replaceWith(Optional.<Message<byte[]>>empty()))
                .onFailure().recoverWithItem(e -> {
                    deadLetter(record, source, e);
                    return Optional.empty();
                })
                .subscribeAsCompletionStage();
    }

    private Message<byte[]> publish(Message<byte[]> record, IncomingKafkaRecordMetadata<?, ?> source, Grade grade) {
        metrics.graded(grade);
        // Only the key travels as metadata: incoming headers (REPLY_TOPIC...) must not steer the grade.
        return Message.of(GRADES.encode(grade),
                Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(grade.taskId().toString()).build()),
                record.getAckWithMetadata(), (failure, metadata) -> {
                    // The grade could not be published: the failure strategy dead-letters the completion.
                    metrics.deadLettered(source.getTopic());
                    return record.nack(failure, metadata);
                });
    }

    private CompletionStage<Optional<Message<byte[]>>> deadLettered(Message<byte[]> record,
            IncomingKafkaRecordMetadata<?, ?> source, Throwable e) {
        deadLetter(record, source, e);
        return CompletableFuture.completedFuture(Optional.empty());
    }

    private void deadLetter(Message<byte[]> record, IncomingKafkaRecordMetadata<?, ?> source, Throwable e) {
        LOG.warnf("dead-lettering %s-%d@%d: %s", source.getTopic(), source.getPartition(), source.getOffset(),
                e.getMessage());
        metrics.deadLettered(source.getTopic());
        record.nack(e).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.errorf(failure, "could not dead-letter %s-%d@%d; the channel reports the failure",
                        source.getTopic(), source.getPartition(), source.getOffset());
            }
        });
    }
}
