package io.evalstream.sandbox;

import java.time.Duration;

/**
 * How a sandboxed process ended, as observed from outside, before it is judged by {@link Outcomes}.
 *
 * @param exitCode meaningful only for {@link Cause#EXITED}
 */
record Termination(Cause cause, int exitCode, String output, Duration wallTime) {

    enum Cause {
        /** The program ran and exited by itself (or by a signal, including the CPU limit). */
        EXITED,
        /** The sandbox killed it at the wall-time limit. */
        WALL_TIME,
        /** The sandbox killed it at the output limit. */
        OUTPUT_LIMIT,
        /** The sandbox failed before the program started (bwrap reported no child). */
        NOT_STARTED,
        /** The kernel killed the execution for exceeding its total memory (its cgroup's memory.max). */
        OUT_OF_MEMORY
    }

    Termination outOfMemory() {
        return new Termination(Cause.OUT_OF_MEMORY, exitCode, output, wallTime);
    }
}
