package io.evalstream.worker.openai.batch;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.openai.batch.BatchLedger.Batch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The batch lane: tasks of models served through the provider's Batch API ({@code openai.batch=true}) are collected
 * per model and tasks partition into batches, sent, and answered with one completion each when their batch ends. A
 * task is acked (its offset may be committed) once its batch's record is on the batches topic; the replica that owns
 * a tasks partition resumes the recorded batches of that partition, so a worker killed mid-batch loses nothing, and a
 * task redelivered while its batch is recorded is acked without being sent again.
 */
public final class BatchLane implements AutoCloseable {

    /** The backend kind on the completions of this lane, which are priced at batch prices. */
    public static final String KIND = "openai-batch";

    private static final Logger LOG = Logger.getLogger(BatchLane.class);

    private final Map<String, BatchModel> models;
    private final Map<String, BatchApi> apis = new HashMap<>();
    private final BatchLedger ledger;
    private final BatchRunner runner;
    private final Map<Integer, PartitionBatches> owned = new ConcurrentHashMap<>();
    private final int maxCollecting;
    private final AtomicInteger collectingNow = new AtomicInteger();
    private final ThreadFactory threads = Thread.ofVirtual().name("batch-lane-", 0).factory();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("batch-lane-timer").factory());

    /**
     * @param topic         the batches topic ({@code Topics.BATCHES})
     * @param maxCollecting tasks collected at once over the whole lane before the batch that reaches it is sent: the
     *                      tasks wait unacked, each holding one of the worker's {@code max-in-flight} places
     * @param sink          publishes one completion; completes when the broker has acked it
     */
    public BatchLane(List<BatchModel> models, KafkaClients kafka, String topic, int maxCollecting,
            Function<Completion, CompletionStage<Void>> sink) {
        if (maxCollecting < 1) {
            throw new IllegalArgumentException("maxCollecting must be at least 1, got " + maxCollecting);
        }
        this.maxCollecting = maxCollecting;
        this.models = new TreeMap<>();
        models.forEach(model -> {
            this.models.put(model.id(), model);
            apis.put(model.id(), new BatchApi(model.endpoint()));
        });
        this.ledger = new BatchLedger(kafka, topic);
        this.runner = new BatchRunner(ledger, sink);
    }

    /** The models served through this lane. */
    public Set<String> models() {
        return models.keySet();
    }

    public boolean serves(String modelId) {
        return models.containsKey(modelId);
    }

    /**
     * Takes a task of a batch model from a tasks partition. The stage completes with true once the task is in a
     * batch whose record is durably written (ack the task then), or false when this replica lost the partition first
     * (leave it unacked: the new owner gets it again).
     */
    public CompletionStage<Boolean> accept(PromptTask task, int partition) {
        PartitionBatches part = owned.computeIfAbsent(partition, this::claim);
        return part.loaded().thenCompose(loaded -> part.add(task));
    }

    /** The tasks partitions this replica owns now: resumes the batches of new ones, lets go of the others. */
    public void own(Set<Integer> partitions) {
        if (models.isEmpty()) {
            return;
        }
        owned.keySet().stream().filter(p -> !partitions.contains(p)).toList().forEach(p -> {
            PartitionBatches gone = owned.remove(p);
            if (gone != null) {
                gone.release();
            }
        });
        partitions.forEach(p -> owned.computeIfAbsent(p, this::claim));
    }

    private PartitionBatches claim(int partition) {
        PartitionBatches part = new PartitionBatches(partition, this);
        part.loaded(CompletableFuture.runAsync(() -> {
            List<Batch> batches = ledger.read(partition, models.keySet());
            batches.forEach(batch -> part.watch(batch, true));
            if (!batches.isEmpty()) {
                LOG.infof("Resuming %d recorded batches of tasks partition %d", batches.size(), partition);
            }
        }, work -> threads.newThread(work).start()));
        return part;
    }

    BatchModel model(String id) {
        return models.get(id);
    }

    BatchApi api(String modelId) {
        return apis.get(modelId);
    }

    BatchRunner runner() {
        return runner;
    }

    void later(Runnable action, java.time.Duration delay) {
        timer.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    Thread thread(Runnable work) {
        return threads.newThread(work);
    }

    /** Counts tasks joining (+) or leaving (-) the batches being collected; whether the lane now holds too many. */
    boolean collected(int delta) {
        return collectingNow.addAndGet(delta) >= maxCollecting;
    }

    @Override
    public void close() {
        owned.values().forEach(PartitionBatches::release);
        owned.clear();
        timer.shutdownNow();
        ledger.close();
    }
}
