package io.evalstream.worker.backend;

import java.time.Duration;

/** Runs an action after a delay without holding a thread meanwhile (a Vert.x timer in the service). */
@FunctionalInterface
public interface Scheduler {

    void after(Duration delay, Runnable action);
}
