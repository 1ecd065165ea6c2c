package io.evalstream.stack;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * What the launcher does when the JVM exits on Ctrl-C or SIGTERM, in order: first stop the processes it started,
 * newest first, then delete what they wrote. The JVM runs separate shutdown hooks at once and in no order, so a
 * directory deleted by one hook could still be written to by a process another hook has not stopped yet: one hook
 * does both, one after the other.
 */
final class ExitHook {

    private static final Deque<Runnable> STOPS = new ConcurrentLinkedDeque<>();
    private static final Deque<Runnable> CLEAN_UPS = new ConcurrentLinkedDeque<>();
    private static volatile boolean exiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitHook::run, "evalstream-exit"));
    }

    private ExitHook() {
    }

    /** Runs {@code stop} at exit unless {@link #forget forgotten}; stops run newest first. */
    static void stopAtExit(Runnable stop) {
        STOPS.push(stop);
    }

    /** Runs {@code cleanUp} at exit, after every stop, unless {@link #forget forgotten}. */
    static void cleanUpAtExit(Runnable cleanUp) {
        CLEAN_UPS.push(cleanUp);
    }

    /** No longer runs {@code action} (the same instance) at exit: it was done, or is not wanted. */
    static void forget(Runnable action) {
        STOPS.removeFirstOccurrence(action);
        CLEAN_UPS.removeFirstOccurrence(action);
    }

    /**
     * True once the JVM is exiting: what fails on the main thread then (requests to services being stopped) is the
     * interruption, not an error to report.
     */
    static boolean exiting() {
        return exiting;
    }

    private static void run() {
        exiting = true;
        STOPS.forEach(ExitHook::runQuietly);
        CLEAN_UPS.forEach(ExitHook::runQuietly);
    }

    /** One failed step must not keep the others from running; the JVM would swallow its exception anyway. */
    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            System.err.println("While exiting: " + e.getMessage());
        }
    }
}
