package io.evalstream.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of running one program.
 *
 * @param status   what happened; only {@link Status#PASSED} means the program exited 0 within every limit
 * @param exitCode the program's exit status (128 + signal when a signal ended it), or {@link #NO_EXIT} when it
 *                 never ran or the sandbox killed it for a wall-time or output limit
 * @param output   the last {@value OutputTail#EXCERPT_BYTES} bytes or so of combined stdout and stderr
 * @param wallTime from launch until the program and its output ended (waiting for a free slot not included)
 * @param reason   one human line, e.g. {@code exit 1: AssertionError} or {@code killed after 10 s wall time}
 */
public record Execution(Status status, int exitCode, String output, Duration wallTime, String reason) {

    /** The exit code of an execution that has none. */
    public static final int NO_EXIT = -1;

    /** What happened to the program. */
    public enum Status {
        /** Exit status 0. */
        PASSED,
        /**
         * A non-zero exit status, a signal other than the CPU limit (a failed assertion, a crash), or a program
         * rejected unrun (one with a NUL byte).
         */
        FAILED,
        /** Killed for exceeding the wall-time or the CPU-time limit. */
        TIMED_OUT,
        /** Killed for writing more than the output limit. */
        OUTPUT_LIMIT,
        /** Not run: this sandbox has no usable isolation ({@link Isolation#NONE}). */
        REFUSED,
        /** Not judged: the sandbox itself failed (could not create the scratch directory, start bwrap...). */
        SANDBOX_ERROR;

        /** True when the status says nothing about the program, so it must not be graded as wrong. */
        public boolean isSandboxFault() {
            return this == REFUSED || this == SANDBOX_ERROR;
        }
    }

    public Execution {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(reason, "reason");
        if (status == Status.PASSED && exitCode != 0) {
            throw new IllegalArgumentException("PASSED requires exit code 0, was " + exitCode);
        }
    }

    /** True only for a program that exited 0 within every limit. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    static Execution refused(String reason) {
        return new Execution(Status.REFUSED, NO_EXIT, "", Duration.ZERO, reason);
    }

    static Execution rejected(String reason) {
        return new Execution(Status.FAILED, NO_EXIT, "", Duration.ZERO, reason);
    }

    static Execution sandboxError(String reason, Duration wallTime) {
        return new Execution(Status.SANDBOX_ERROR, NO_EXIT, "", wallTime, reason);
    }
}
