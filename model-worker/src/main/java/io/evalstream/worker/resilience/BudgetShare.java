package io.evalstream.worker.resilience;

/**
 * A replica's part of a global per-minute budget: its share of the tasks topic's partitions, which is its share of
 * the calls, rounded down so the replicas together never exceed the budget; but at least 1, so a replica that owns
 * nothing can finish the calls it has in flight through a rebalance, and a tiny budget over many partitions still
 * makes progress (then the sum can exceed the budget by up to one per replica).
 */
public final class BudgetShare {

    private BudgetShare() {
    }

    /** @throws IllegalArgumentException when the budget is not positive */
    public static long of(long globalPerMinute, WorkShare.Share share) {
        if (globalPerMinute < 1) {
            throw new IllegalArgumentException("a per-minute budget must be at least 1, got " + globalPerMinute);
        }
        return Math.max(1, globalPerMinute * share.owned() / share.total());
    }

    /**
     * The most a bucket holds: one second's worth of the budget (at least 1, and at least {@code largest},
     * the biggest single take). A full minute's burst would let a replica spend a whole minute's budget in
     * one instant and then, refilled, nearly double it within any 60-second window.
     */
    public static long burst(long perMinute, long largest) {
        return Math.max(Math.max(1, perMinute / 60), Math.min(largest, perMinute));
    }
}
