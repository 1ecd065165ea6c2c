package io.evalstream.worker.openai.batch;

import io.evalstream.contracts.PromptTask;
import io.evalstream.worker.openai.batch.BatchLedger.Batch;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The batch lane's state for one tasks partition this replica owns: the batches being collected, the ids of the tasks
 * in its recorded batches (a redelivered one is acked, not sent again) and the threads sending and watching them.
 */
final class PartitionBatches {

    private static final Logger LOG = Logger.getLogger(PartitionBatches.class);

    private final int partition;
    private final BatchLane lane;
    private final Set<String> recorded = new HashSet<>();
    private final Map<String, Collecting> collecting = new HashMap<>();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private volatile CompletableFuture<Void> loaded;
    private volatile boolean released;

    PartitionBatches(int partition, BatchLane lane) {
        this.partition = partition;
        this.lane = lane;
    }

    /** Completes once the partition's recorded batches are read back (at once for a partition seen before). */
    CompletableFuture<Void> loaded() {
        return loaded;
    }

    void loaded(CompletableFuture<Void> reading) {
        loaded = reading;
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
        BatchModel model = lane.model(task.taskId().modelId());
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
        boolean crowded = lane.collected(1);
        // Collected tasks hold places of the worker's max-in-flight: waiting for max-wait with all of them taken
        // would stall every model of the worker.
        if (batch.size() >= model.settings().maxRequests() || crowded) {
            send(model, batch);
        }
        return durable;
    }

    private Collecting started(BatchModel model) {
        Collecting batch = new Collecting();
        lane.later(() -> sendIfCollecting(model, batch), model.settings().maxWait());
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
            lane.collected(-batch.size());
        }
        run(() -> {
            try {
                // The tasks join the recorded set before they are acked: a redelivery finds them there.
                lane.runner().record(model, lane.api(model.id()), partition, batch)
                        .ifPresent(recorded -> watch(recorded, false));
                batch.settle(true);
            } catch (InterruptedException | RuntimeException e) {
                // Not recorded (or not known to be): the tasks stay unacked and come again after a restart.
                batch.settle(false);
                throw e;
            }
        });
    }

    /** Watches a recorded batch; {@code resumed}: recorded by another worker, which may have created it already. */
    void watch(Batch batch, boolean resumed) {
        synchronized (this) {
            batch.tasks().forEach(task -> recorded.add(task.taskId().toString()));
        }
        run(() -> {
            lane.runner().watch(lane.model(batch.modelId()), lane.api(batch.modelId()), batch, resumed,
                    () -> !released);
            synchronized (this) {
                batch.tasks().forEach(task -> recorded.remove(task.taskId().toString()));
            }
        });
    }

    private void run(Work work) {
        Thread thread = lane.thread(() -> {
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
            lane.collected(-batch.size());
            batch.settle(false);
        });
        collecting.clear();
        running.forEach(Thread::interrupt);
    }

    private interface Work {
        void run() throws InterruptedException;
    }
}
