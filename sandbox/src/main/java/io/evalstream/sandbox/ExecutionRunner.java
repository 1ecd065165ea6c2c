package io.evalstream.sandbox;

import io.evalstream.sandbox.Termination.Cause;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one program in one slot: scratch directory, process, limits, verdict, clean-up. */
final class ExecutionRunner {

    private static final System.Logger LOG = System.getLogger(ExecutionRunner.class.getName());
    private static final String STATUS_FILE = "bwrap-status.json";
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private final SandboxLimits limits;
    private final Commands commands;
    private final ScratchDirs scratch;
    private final MemoryFence fence;

    ExecutionRunner(SandboxLimits limits, Commands commands, ScratchDirs scratch, MemoryFence fence) {
        this.limits = limits;
        this.commands = commands;
        this.scratch = scratch;
        this.fence = fence;
    }

    /** Never throws for anything the program does. */
    Execution run(Isolation mode, Slot slot, String program, String input) {
        long started = System.nanoTime();
        Path dir = null;
        boolean fenced = false;
        try {
            dir = scratch.create(slot, program);
            fence.enter(slot);
            fenced = true;
            Termination termination = launch(mode, slot, dir, input, started);
            fenced = false;
            // Whatever the kernel's kill looked like from outside (a signal, bwrap dying before the program), the
            // program caused it: it is graded, not retried.
            return Outcomes.judge(fence.leave(slot) ? termination.outOfMemory() : termination, limits);
        } catch (IOException e) {
            return Execution.sandboxError("cannot run the program: " + e.getMessage(), elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Execution.sandboxError("interrupted while the program ran; it was killed", elapsed(started));
        } finally {
            if (fenced) {
                fence.leave(slot);
            }
            delete(dir);
        }
    }

    private Termination launch(Isolation mode, Slot slot, Path dir, String input, long started)
            throws IOException, InterruptedException {
        Path status = dir.resolve(STATUS_FILE);
        if (mode == Isolation.BUBBLEWRAP && commands.seccomp().isPresent()) {
            // Root-owned and read by the wrapper before it drops privileges: the program never sees it.
            Files.write(dir.resolve(Commands.SECCOMP_FILE), commands.seccomp().get());
        }
        Process process = builder(mode, slot, dir, status).start();
        boolean swept = false;
        try {
            feed(process, input);
            OutputTail tail = OutputTail.start(process.getInputStream(), limits.outputBytes(), () -> stop(process, mode));
            boolean exited = process.waitFor(limits.wallTime().toNanos(), TimeUnit.NANOSECONDS);
            if (!exited) {
                stop(process, mode);
            }
            awaitEnd(process);
            // Stragglers may hold the output pipe open: they must go before we wait for its end.
            sweep(slot);
            swept = true;
            if (!tail.finish(DRAIN_GRACE)) {
                LOG.log(Level.WARNING, "output of process {0} still open after it ended; leaving its reader", process.pid());
            }
            Duration wall = elapsed(started);
            Cause cause = tail.overflowed() ? Cause.OUTPUT_LIMIT : exited ? Cause.EXITED : Cause.WALL_TIME;
            int exitCode = process.exitValue();
            if (cause == Cause.EXITED && mode == Isolation.BUBBLEWRAP) {
                BwrapStatus bwrap = BwrapStatus.read(status);
                cause = bwrap.started() ? cause : Cause.NOT_STARTED;
                exitCode = bwrap.exitCode().orElse(exitCode);
            }
            return new Termination(cause, exitCode, tail.text(), wall);
        } finally {
            if (process.isAlive()) {
                stop(process, mode);
                process.destroyForcibly();
            }
            if (!swept) {
                sweep(slot);
            }
        }
    }

    private ProcessBuilder builder(Isolation mode, Slot slot, Path dir, Path status) {
        ProcessBuilder builder = mode == Isolation.BUBBLEWRAP
                ? new ProcessBuilder(commands.bubblewrap(slot, dir.resolve(Commands.PROGRAM), status))
                : new ProcessBuilder(commands.rlimitsOnly(slot)).directory(dir.toFile());
        // The JVM's environment (API keys!) never reaches the program, not even bwrap's.
        builder.environment().clear();
        if (mode == Isolation.RLIMITS_ONLY) {
            builder.environment().putAll(commands.environment(dir.toString()));
        }
        return builder.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
    }

    /**
     * Writes the whole input and closes the pipe, so the program sees end-of-file after it. Small enough for the
     * pipe's buffer, it never blocks; a program that exits without reading it is no error.
     */
    private static void feed(Process process, String input) {
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Broken pipe: the program (or bwrap before it) is gone already; its outcome says why.
        }
    }

    /**
     * Under bubblewrap only the outer bwrap's descendants are killed: its pid-1 init (and with it the whole pid
     * namespace) dies, and the outer bwrap reaps it and exits by itself. Killing the outer bwrap first would
     * orphan the init to the host's pid 1, whose late reaping leaves zombies charged to the slot's RLIMIT_NPROC.
     * Without bubblewrap the program is our child; its descendants are killed first, while they still are.
     */
    private static void stop(Process process, Isolation mode) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (mode != Isolation.BUBBLEWRAP) {
            process.destroyForcibly();
        }
    }

    private static void awaitEnd(Process process) throws InterruptedException, IOException {
        if (process.waitFor(KILL_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
            return;
        }
        process.destroyForcibly();
        if (!process.waitFor(KILL_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IOException("process " + process.pid() + " survived SIGKILL for " + Units.duration(KILL_GRACE));
        }
    }

    /** Kills whatever still runs as the slot's own uid (nothing to do without one). */
    private static void sweep(Slot slot) {
        if (slot.ownUid()) {
            List<Long> survivors = ProcessTable.killAll(slot.uid());
            if (!survivors.isEmpty()) {
                LOG.log(Level.WARNING, "processes {0} of sandbox uid {1} survived SIGKILL", survivors, slot.uid());
            }
        }
    }

    private void delete(Path dir) {
        try {
            scratch.delete(dir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete scratch directory {0}: {1}", dir, e);
        }
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
