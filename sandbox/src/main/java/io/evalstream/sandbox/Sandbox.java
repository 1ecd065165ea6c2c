package io.evalstream.sandbox;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Runs untrusted Python programs (a HumanEval program: prompt, completion, tests and {@code check(...)}), each
 * in a fresh bubblewrap sandbox with no network, a private read-only view of /usr, a small writable tmpfs
 * scratch directory, and CPU, wall-time, memory, process, output and file-size limits. Whatever the program
 * does, the call returns an {@link Execution} and leaves nothing behind.
 *
 * <p>Thread-safe; at most {@link SandboxConfig#slots()} programs run at once and further callers wait.
 */
public final class Sandbox implements AutoCloseable {

    private static final int MAX_INPUT_CHARS = 4096;

    private static final System.Logger LOG = System.getLogger(Sandbox.class.getName());

    private final SandboxConfig config;
    private final Probe.Decision decision;
    private final SlotPool slots;
    private final ExecutionRunner runner;
    private final String memory;
    private volatile boolean closed;

    private Sandbox(SandboxConfig config, Probe.Decision decision, SlotPool slots, ExecutionRunner runner, String memory) {
        this.config = config;
        this.decision = decision;
        this.slots = slots;
        this.runner = runner;
        this.memory = memory;
    }

    /**
     * Prepares the work root and the slots, then runs a trivial program to find out which isolation works here,
     * and logs it loudly. Never fails for an unusable machine: the sandbox then has {@link Isolation#NONE} and
     * refuses every program, with the reason.
     */
    public static Sandbox start(SandboxConfig config) {
        Objects.requireNonNull(config, "config");
        SlotPool slots = null;
        Sandbox sandbox;
        try {
            Host host = Host.detect();
            ScratchDirs scratch = new ScratchDirs(config.workRoot(), host.uid());
            scratch.prepare();
            slots = SlotPool.claim(config.slots(), host);
            MemoryFence fence = Cgroups.fence(host, config.limits());
            ExecutionRunner runner = new ExecutionRunner(config.limits(), new Commands(config, host, fence), scratch, fence);
            sandbox = new Sandbox(config, Probe.decide(config, runner, slots.slots().get(0)), slots, runner,
                    fence.describe(config.limits()));
        } catch (IOException | RuntimeException e) {
            if (slots != null) {
                slots.close(Duration.ZERO);
            }
            sandbox = new Sandbox(config, new Probe.Decision(Isolation.NONE, "cannot prepare the sandbox: " + e), null, null,
                    "no memory fence");
        }
        sandbox.announce();
        return sandbox;
    }

    private void announce() {
        switch (isolation()) {
            case BUBBLEWRAP -> LOG.log(Level.INFO, "Sandbox ready: {0}", describe());
            case RLIMITS_ONLY -> LOG.log(Level.WARNING, "SANDBOX WITHOUT ISOLATION: generated code can reach the "
                    + "network and the filesystem. {0}", describe());
            case NONE -> LOG.log(Level.ERROR, "SANDBOX REFUSES TO RUN ANY PROGRAM: {0}", describe());
        }
    }

    public Isolation isolation() {
        return decision.isolation();
    }

    /**
     * One line for logs: isolation and why, the system call filter, the memory fence (a cgroup or a process budget)
     * and why, python, slots and their uids, limits.
     */
    public String describe() {
        return "isolation " + isolation() + " (" + decision.reason() + "), "
                + SeccompFilter.describe(System.getProperty("os.arch")) + ", " + memory + ", python " + config.python()
                + ", " + config.slots() + " slots" + uidRange() + ", work root " + config.workRoot()
                + ", limits " + config.limits().describe();
    }

    private String uidRange() {
        if (slots == null) {
            return "";
        }
        List<Integer> uids = slotUids();
        return uids.isEmpty() ? " sharing the JVM's uid" : " as uids " + uids;
    }

    /**
     * Runs one program and waits for its outcome. Never throws for anything the program does.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public Execution runPython(String program) {
        return runPython(program, "");
    }

    /**
     * Runs one program with {@code input} as the whole of its standard input, and waits for its outcome. Never throws
     * for anything the program does.
     *
     * @param input what the program reads on stdin (UTF-8, at most a pipe's buffer: a few KiB), e.g. a secret it
     *              must not find in its own source
     * @throws IllegalStateException after {@link #close()}
     */
    public Execution runPython(String program, String input) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(input, "input");
        if (input.length() > MAX_INPUT_CHARS) {
            // Fed before the output is drained: beyond a pipe's buffer it could block on a program that never reads.
            throw new IllegalArgumentException("a program's input is at most " + MAX_INPUT_CHARS + " characters, not "
                    + input.length());
        }
        if (isolation() == Isolation.NONE) {
            return Execution.refused(decision.reason());
        }
        requireOpen();
        if (program.indexOf('\0') >= 0) {
            // CPython 3.11 drops a NUL and the line end after it, joining the next line: a completion could eat test
            // lines. HumanEval's reference harness (exec of a string) rejects NUL bytes too.
            return Execution.rejected("the program contains a NUL byte (CPython 3.11 silently mangles the source there)");
        }
        Slot slot;
        try {
            slot = slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Execution.sandboxError("interrupted while waiting for a free slot", Duration.ZERO);
        }
        try {
            requireOpen();
            return runner.run(isolation(), slot, program, input);
        } finally {
            slots.release(slot);
        }
    }

    /** The slot uids when each slot has its own (the JVM is root); for tests that look for survivors. */
    List<Integer> slotUids() {
        if (slots == null || slots.slots().stream().noneMatch(Slot::ownUid)) {
            return List.of();
        }
        return slots.slots().stream().map(Slot::uid).toList();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the sandbox is closed");
        }
    }

    /** Waits for running programs (up to 30 s), then releases the slot uids. */
    @Override
    public void close() {
        closed = true;
        if (slots != null) {
            slots.close();
        }
    }
}
