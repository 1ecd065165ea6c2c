package io.evalstream.worker.resilience;

/**
 * A replica's part of a global per-minute budget. Replicas in one consumer group share the tasks about
 * evenly (the partitions are spread evenly over them), so each takes an equal share, rounded down so the
 * replicas together never exceed the budget; but at least 1, so a tiny budget over many replicas still
 * makes progress (then the sum can exceed the budget by up to one per replica).
 */
public final class BudgetShare {

    private BudgetShare() {
    }

    /** @throws IllegalArgumentException when the budget or the replica count is not positive */
    public static long perReplica(long globalPerMinute, int replicas) {
        if (globalPerMinute < 1) {
            throw new IllegalArgumentException("a per-minute budget must be at least 1, got " + globalPerMinute);
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
        }
        return Math.max(1, globalPerMinute / replicas);
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
