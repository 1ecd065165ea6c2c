package io.evalstream.worker.resilience;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * How much of the tasks this replica owns now: the partitions of the tasks topic assigned to it, out of all of them.
 * Tasks are spread over the partitions by key, so a replica owning 2 of 6 serves about a third of every model's
 * calls, and a third of each model's global budget is its to spend. Replicas come and go (KEDA, a crash, a rollout);
 * every rebalance updates the share, so the replicas alive together keep to the budget whatever their number. Until
 * the first assignment a replica counts as owning everything, which only a lone replica can act on.
 */
public final class WorkShare {

    /** {@code owned} of {@code total} partitions. */
    public record Share(int owned, int total) {

        public static final Share WHOLE = new Share(1, 1);

        public Share {
            if (total < 1 || owned < 0 || owned > total) {
                throw new IllegalArgumentException("a share is 0..total of at least 1 partition, not " + owned + "/"
                        + total);
            }
        }
    }

    private final List<Consumer<Share>> listeners = new CopyOnWriteArrayList<>();
    private volatile Share current = Share.WHOLE;

    public Share current() {
        return current;
    }

    /** Called on every rebalance of the tasks consumer. */
    public void set(Share share) {
        if (!share.equals(current)) {
            current = share;
            listeners.forEach(listener -> listener.accept(share));
        }
    }

    /** {@code listener} hears every later change. */
    void onChange(Consumer<Share> listener) {
        listeners.add(listener);
    }
}
