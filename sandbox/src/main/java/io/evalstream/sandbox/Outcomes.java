package io.evalstream.sandbox;

import io.evalstream.sandbox.Execution.Status;
import java.util.Map;
import java.util.Optional;

/** Judges a {@link Termination}: the only place that turns exit codes and kills into statuses and reasons. */
final class Outcomes {

    private static final int SIGNAL_BASE = 128;
    private static final int SIGXCPU = 24;
    private static final int MAX_SIGNAL = 64;
    private static final int MAX_REASON_CHARS = 200;
    private static final Map<Integer, String> SIGNAL_NAMES = Map.of(
            4, "SIGILL", 6, "SIGABRT", 7, "SIGBUS", 8, "SIGFPE", 9, "SIGKILL",
            11, "SIGSEGV", 13, "SIGPIPE", 15, "SIGTERM", 25, "SIGXFSZ", 31, "SIGSYS");

    private Outcomes() {
    }

    static Execution judge(Termination t, SandboxLimits limits) {
        return switch (t.cause()) {
            case WALL_TIME -> killed(t, Status.TIMED_OUT, "killed after " + Units.duration(limits.wallTime()) + " wall time");
            case OUTPUT_LIMIT -> killed(t, Status.OUTPUT_LIMIT, "output exceeded " + Units.bytes(limits.outputBytes()));
            case NOT_STARTED -> new Execution(Status.SANDBOX_ERROR, Execution.NO_EXIT, t.output(), t.wallTime(),
                    "the sandbox did not start the program: " + lastLine(t.output()).orElse("no message"));
            case OUT_OF_MEMORY -> killed(t, Status.FAILED,
                    "killed: the execution exceeded " + Units.bytes(limits.totalMemoryBytes()) + " of memory in total");
            case EXITED -> exited(t, limits);
        };
    }

    private static Execution exited(Termination t, SandboxLimits limits) {
        int code = t.exitCode();
        int signal = code - SIGNAL_BASE;
        if (code == 0) {
            return new Execution(Status.PASSED, 0, t.output(), t.wallTime(), "exit 0");
        }
        if (signal == SIGXCPU) {
            return new Execution(Status.TIMED_OUT, code, t.output(), t.wallTime(),
                    "killed after " + Units.duration(limits.cpuTime()) + " CPU time (SIGXCPU)");
        }
        String reason = signal > 0 && signal <= MAX_SIGNAL
                ? "killed by signal " + signal + " (" + SIGNAL_NAMES.getOrDefault(signal, "SIG" + signal) + ")"
                : "exit " + code + lastLine(t.output()).map(line -> ": " + line).orElse("");
        return new Execution(Status.FAILED, code, t.output(), t.wallTime(), reason);
    }

    private static Execution killed(Termination t, Status status, String reason) {
        return new Execution(status, Execution.NO_EXIT, t.output(), t.wallTime(), reason);
    }

    /** The last non-blank line: for a Python traceback, the exception and its message. */
    static Optional<String> lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        if (last.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(last.length() > MAX_REASON_CHARS ? last.substring(0, MAX_REASON_CHARS) + "..." : last);
    }
}
