package io.evalstream.worker.messaging;

import io.evalstream.contracts.Budget;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.ModelError;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.RunCheck;
import io.evalstream.contracts.RunDirectory;
import io.evalstream.contracts.StopDecision;
import io.evalstream.contracts.StopDirectory;
import io.evalstream.contracts.WireFormat;
import io.evalstream.servicekit.EventLoops;
import io.evalstream.worker.backend.ModelRouter;
import io.evalstream.worker.backend.TaskAdmission;
import io.evalstream.worker.budget.BudgetHold;
import io.evalstream.worker.budget.SpendLedger;
import io.evalstream.worker.config.WorkerConfig;
import io.evalstream.worker.metrics.WorkerMetrics;
import io.evalstream.worker.openai.batch.BatchLane;
import io.evalstream.worker.pricing.Pricing;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * Tasks in, completions out, up to {@code max-in-flight} model calls at once (completions leave in the
 * order they finish). A completion acks its task only once the broker has acked the completion, so the
 * consumer commits an offset only when every task below it has its completion written. A task for a model this
 * worker does not serve ends as a NO_WORKER_FOR_MODEL error completion, so its run counts it. A record that is not
 * a task, or contradicts its run's manifest (a benchmark, variant or settings hash the run does not have, so not one
 * of the run's expected tasks), is nacked: the channel's failure strategy dead-letters it. A task whose benchmark's
 * comparison its run stopped early ({@link StopDirectory}) ends as a STOPPED_EARLY error completion without a call.
 */
@ApplicationScoped
public class TaskProcessor {

    private static final Logger LOG = Logger.getLogger(TaskProcessor.class);
    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);

    private final ModelRouter router;
    private final WorkerMetrics metrics;
    private final RunDirectory runs;
    private final StopDirectory stops;
    private final BatchLane batches;
    private final Pricing pricing;
    private final SpendLedger ledger;
    private final int maxInFlight;
    private final EventLoops loops;

    public TaskProcessor(ModelRouter router, WorkerMetrics metrics, WorkerConfig config, RunDirectory runs,
            StopDirectory stops, BatchLane batches, Pricing pricing, SpendLedger ledger, Vertx vertx) {
        if (config.maxInFlight() < 1) {
            throw new IllegalStateException("evalstream.worker.max-in-flight must be >= 1, got " + config.maxInFlight());
        }
        this.router = router;
        this.metrics = metrics;
        this.runs = runs;
        this.stops = stops;
        this.batches = batches;
        this.pricing = pricing;
        this.ledger = ledger;
        this.maxInFlight = config.maxInFlight();
        this.loops = EventLoops.of(vertx, Integer.MAX_VALUE);
    }

    @Incoming("tasks")
    @Outgoing("completions")
    public Multi<Message<byte[]>> serve(Multi<Message<byte[]>> tasks) {
        // Plain CompletionStages per task, merged at O(1) per completion: Mutiny stages per task pay for
        // context captures and flatMap's scan of every inner subscriber, a CPU cost at thousands a second.
        // A null result (a dead-lettered record) yields no outgoing message.
        // Each task is served on the next of the event loops (one per core), not on the channel's one: decoding,
        // sending, parsing the reply and encoding the completion then spread over every core, and the reply's
        // continuation (which SmallRye Fault Tolerance returns to the context that made the call) stays there.
        return InFlightMerge.of(tasks, maxInFlight, incoming -> loops.onNext(() -> serveOne(incoming)));
    }

    private CompletionStage<Message<byte[]>> serveOne(Message<byte[]> incoming) {
        var source = incoming.getMetadata(IncomingKafkaRecordMetadata.class);
        String key = source.map(m -> m.getKey() instanceof String k ? k : null).orElse(null);
        String topic = source.map(IncomingKafkaRecordMetadata::getTopic).orElse("unknown");
        return switch (TaskAdmission.admit(key, incoming.getPayload())) {
            case Decoded.Valid<PromptTask> valid -> checkRun(incoming, valid.value(), topic);
            case Decoded.Invalid<PromptTask> invalid -> deadLetter(incoming, topic, invalid.reason());
        };
    }

    private CompletionStage<Message<byte[]>> checkRun(Message<byte[]> incoming, PromptTask task, String topic) {
        return runs.lookup(task.taskId().runId()).thenCompose(run -> {
            Optional<String> conflict = run.flatMap(check -> check.conflict(task.taskId(), task.purpose(),
                    task.settingsHash()));
            return conflict.isPresent() ? deadLetter(incoming, topic, conflict.get())
                    : complete(incoming, task, topic, run.flatMap(RunCheck::budget));
        });
    }

    private CompletionStage<Message<byte[]>> complete(Message<byte[]> incoming, PromptTask task, String topic,
            Optional<Budget> budget) {
        Optional<StopDecision> stopped = stops.stopped(task.taskId().runId(), task.taskId().benchmarkId());
        if (stopped.isPresent()) {
            // The comparison is decided: no model call, but a completion, so the run still counts every task.
            metrics.stoppedEarly();
            return publish(incoming, Completion.failed(task, new ModelError(ErrorKind.STOPPED_EARLY,
                    stopped.get().describe()), ModelRouter.NO_BACKEND, 0, 1), topic);
        }
        if (batches.serves(task.taskId().modelId())) {
            return batched(incoming, task);
        }
        // An unserved model is no model call: counted without its id, which whoever wrote the task chose, so it
        // must not become a metric label.
        boolean served = router.serves(task);
        if (!served || budget.isEmpty()) {
            return call(incoming, task, topic, served, Optional.empty());
        }
        return BudgetHold.of(task, budget.get(), pricing, ledger).thenCompose(hold -> {
            if (hold.isPresent() && hold.get().refused() != null) {
                // Calling could pass the run's budget: no call, but a completion, so the run still completes.
                metrics.overBudget();
                return publish(incoming, Completion.failed(task, new ModelError(ErrorKind.BUDGET_EXCEEDED,
                        hold.get().refused()), ModelRouter.NO_BACKEND, 0, 1), topic);
            }
            return call(incoming, task, topic, true, hold);
        });
    }

    private CompletionStage<Message<byte[]>> call(Message<byte[]> incoming, PromptTask task, String topic,
            boolean served, Optional<BudgetHold> hold) {
        if (served) {
            metrics.started();
        }
        return router.complete(task).thenCompose(completion -> {
            if (served) {
                metrics.finished(completion);
            } else {
                metrics.unserved();
            }
            hold.ifPresent(held -> held.settle(pricing.priced(completion).spend()));
            return publish(incoming, completion, topic);
        });
    }

    /**
     * A task of a batch-lane model is acked once its batch is recorded, with no outgoing message: the lane publishes
     * its completion when the batch ends. One the lane let go (the partition moved) stays unacked for its new owner.
     */
    private CompletionStage<Message<byte[]>> batched(Message<byte[]> incoming, PromptTask task) {
        int partition = incoming.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getPartition).orElse(0);
        return batches.accept(task, partition).thenCompose(durable -> durable
                ? incoming.ack().thenApply(done -> (Message<byte[]>) null)
                : CompletableFuture.completedStage((Message<byte[]>) null));
    }

    /** Every synchronous completion leaves through here and is priced here (the batch lane prices its own). */
    private CompletionStage<Message<byte[]>> publish(Message<byte[]> incoming, Completion completion, String topic) {
        try {
            return CompletableFuture.completedStage(toMessage(incoming, pricing.priced(completion)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Cannot encode the completion of %s; this is a bug", completion.taskId());
            return deadLetter(incoming, topic, "cannot publish the completion of this task: " + e);
        }
    }

    private static Message<byte[]> toMessage(Message<byte[]> incoming, Completion completion) {
        // Only our key travels on: incoming metadata (headers such as a reply topic) must not steer the write.
        Metadata metadata = Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(completion.taskId().toString()).build());
        return Message.of(COMPLETIONS.encode(completion), metadata, () -> incoming.ack(), incoming::nack);
    }

    private CompletionStage<Message<byte[]>> deadLetter(Message<byte[]> incoming, String topic, String reason) {
        LOG.debugf("Dead-lettering a record from %s: %s", topic, reason);
        metrics.deadLettered(topic);
        return incoming.nack(new InvalidRecordException(reason)).handle((done, failure) -> {
            if (failure != null) {
                LOG.errorf(failure, "Could not dead-letter a record from %s (%s); its offset stays uncommitted",
                        topic, reason);
            }
            return null;
        });
    }
}
