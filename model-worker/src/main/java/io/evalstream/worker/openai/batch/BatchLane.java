package io.evalstream.worker.openai.batch;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.openai.batch.BatchLedger.Batch;
import java.util.HashMap;
import java.util.HashSet;
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
    private final Map<Integer, Owned> owned = new ConcurrentHashMap<>();
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
        Owned part = owned.computeIfAbsent(partition, this::claim);
        return part.loaded.thenCompose(loaded -> part.add(task));
    }

    /** The tasks partitions this replica owns now: resumes the batches of new ones, lets go of the others. */
    public void own(Set<Integer> partitions) {
        if (models.isEmpty()) {
            return;
        }
        owned.keySet().stream().filter(p -> !partitions.contains(p)).toList().forEach(p -> {
            Owned gone = owned.remove(p);
            if (gone != null) {
                gone.release();
            }
        });
        partitions.forEach(p -> owned.computeIfAbsent(p, this::claim));
    }

    private Owned claim(int partition) {
        Owned part = new Owned(partition);
        part.loaded = CompletableFuture.runAsync(() -> {
            List<Batch> batches = ledger.read(partition, models.keySet());
            batches.forEach(part::watch);
            if (!batches.isEmpty()) {
                LOG.infof("Resuming %d recorded batches of tasks partition %d", batches.size(), partition);
            }
        }, work -> threads.newThread(work).start());
        return part;
    }

    /** The batch state of one owned tasks partition. */
    private final class Owned {
        private final int partition;
        private final Set<String> recorded = new HashSet<>();
        private final Map<String, Collecting> collecting = new HashMap<>();
        private final Set<Thread> running = ConcurrentHashMap.newKeySet();
        private volatile CompletableFuture<Void> loaded;
        private volatile boolean released;

        Owned(int partition) {
            this.partition = partition;
        }

        synchronized CompletionStage<Boolean> add(PromptTask task) {
            String id = task.taskId().toString();
            if (released) {
                return CompletableFuture.completedStage(false);
            }
            if (recorded.contains(id)) {
                // Redelivered after its batch was recorded (the worker that sent it stopped before committing).
                return CompletableFuture.completedStage(true);
            }
            BatchModel model = models.get(task.taskId().modelId());
            Collecting batch = collecting.computeIfAbsent(model.id(), m -> started(model));
            CompletableFuture<Boolean> already = batch.waiting(id);
            if (already != null) {
                return already;
            }
            byte[] line = BatchLines.request(model.endpoint(), task);
            if (batch.size() > 0 && batch.bytes() + line.length > model.settings().maxBytes()) {
                send(model, batch);
                batch = collecting.computeIfAbsent(model.id(), m -> started(model));
            }
            CompletableFuture<Boolean> durable = batch.add(task, line);
            int waiting = collectingNow.incrementAndGet();
            // Collected tasks hold places of the worker's max-in-flight: waiting for max-wait with all of them taken
            // would stall every model of the worker.
            if (batch.size() >= model.settings().maxRequests() || waiting >= maxCollecting) {
                send(model, batch);
            }
            return durable;
        }

        private Collecting started(BatchModel model) {
            Collecting batch = new Collecting();
            timer.schedule(() -> sendIfCollecting(model, batch), model.settings().maxWait().toMillis(),
                    TimeUnit.MILLISECONDS);
            return batch;
        }

        private synchronized void sendIfCollecting(BatchModel model, Collecting batch) {
            if (collecting.get(model.id()) == batch) {
                send(model, batch);
            }
        }

        /** Under the lock: the batch leaves {@code collecting} and is sent on a thread of its own. */
        private void send(BatchModel model, Collecting batch) {
            if (collecting.remove(model.id(), batch)) {
                collectingNow.addAndGet(-batch.size());
            }
            run(() -> {
                try {
                    var sent = runner.submit(model, apis.get(model.id()), partition, batch);
                    sent.ifPresent(this::watch);
                    batch.settle(true);
                } catch (InterruptedException | RuntimeException e) {
                    // Not recorded (or not known to be): the tasks stay unacked and come again after a restart.
                    batch.settle(false);
                    throw e;
                }
            });
        }

        void watch(Batch batch) {
            synchronized (this) {
                batch.tasks().forEach(task -> recorded.add(task.taskId().toString()));
            }
            run(() -> {
                runner.watch(models.get(batch.modelId()), apis.get(batch.modelId()), batch, () -> !released);
                synchronized (this) {
                    batch.tasks().forEach(task -> recorded.remove(task.taskId().toString()));
                }
            });
        }

        private void run(Work work) {
            Thread thread = threads.newThread(() -> {
                try {
                    work.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "The batch lane of tasks partition %d failed; the replica that owns it next resumes"
                            + " its recorded batches", partition);
                } finally {
                    running.remove(Thread.currentThread());
                }
            });
            running.add(thread);
            thread.start();
        }

        /** The partition went to another replica: stop watching; tasks still collecting stay unacked. */
        synchronized void release() {
            released = true;
            collecting.values().forEach(batch -> {
                collectingNow.addAndGet(-batch.size());
                batch.settle(false);
            });
            collecting.clear();
            running.forEach(Thread::interrupt);
        }
    }

    private interface Work {
        void run() throws InterruptedException;
    }

    @Override
    public void close() {
        owned.values().forEach(Owned::release);
        owned.clear();
        timer.shutdownNow();
        ledger.close();
    }
}
