package io.evalstream.worker.openai.batch;

import io.evalstream.contracts.PromptTask;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The tasks of one model and tasks partition gathered for the next batch: their request lines and, per task id, the
 * future that tells the task's consumer whether the task is durably in a batch. Not thread-safe: its owner locks.
 */
final class Collecting {

    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final Map<String, CompletableFuture<Boolean>> waiting = new LinkedHashMap<>();
    private final List<PromptTask> tasks = new ArrayList<>();

    /** The future of a task already here (a redelivery), or null. */
    CompletableFuture<Boolean> waiting(String taskId) {
        return waiting.get(taskId);
    }

    CompletableFuture<Boolean> add(PromptTask task, byte[] line) {
        CompletableFuture<Boolean> durable = new CompletableFuture<>();
        lines.writeBytes(line);
        tasks.add(task);
        waiting.put(task.taskId().toString(), durable);
        return durable;
    }

    int size() {
        return tasks.size();
    }

    long bytes() {
        return lines.size();
    }

    byte[] file() {
        return lines.toByteArray();
    }

    List<PromptTask> tasks() {
        return List.copyOf(tasks);
    }

    /** Tells every task's consumer whether it is durably in a batch (true: ack it; false: leave it unacked). */
    void settle(boolean durable) {
        waiting.values().forEach(future -> future.complete(durable));
    }
}
