package io.evalstream.worker.resilience;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A semaphore whose waiters are futures, not threads: a call over the limit queues (first come, first
 * served) and holds no thread until a permit frees up. The queue is bounded by the worker's max-in-flight.
 */
final class AsyncPermits {

    private static final CompletionStage<Void> GRANTED = CompletableFuture.completedStage(null);

    private final int limit;
    private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int used;

    AsyncPermits(int limit) {
        this.limit = limit;
    }

    /** Completes when the caller holds a permit; every completed acquire needs one {@link #release()}. */
    CompletionStage<Void> acquire() {
        synchronized (this) {
            if (used < limit) {
                used++;
                return GRANTED;
            }
            CompletableFuture<Void> turn = new CompletableFuture<>();
            waiting.add(turn);
            return turn;
        }
    }

    void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                used--;
            }
        }
        // The permit passes straight to the next waiter; completing it outside the lock runs its call there.
        if (next != null) {
            next.complete(null);
        }
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
