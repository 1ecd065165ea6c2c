package io.evalstream.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What bounds the memory of one execution as a whole, decided once when the sandbox starts: a cgroup v2 leaf
 * per slot where the host lets us make one ({@link CgroupFence}), else only as many processes as fit the total
 * ({@link SandboxLimits#processesWithinTotal()}). In both, every sandboxed process is the OOM killer's first
 * choice, so a machine or pod that runs out of memory loses a program, not the grader.
 */
interface MemoryFence {

    /** The RLIMIT_NPROC budget of the program itself, before bwrap's helpers and earlier zombies are added. */
    int processes(SandboxLimits limits);

    /** The {@code cgroup.procs} file the wrapper writes its own pid into before it drops privileges, if any. */
    Optional<Path> procsFile(Slot slot);

    /** Makes the slot's fence fresh for one execution. */
    void enter(Slot slot) throws IOException;

    /**
     * Ends the slot's execution: kills what is left inside the fence and removes it.
     *
     * @return true when the kernel killed part of the execution for exceeding its total memory
     */
    boolean leave(Slot slot);

    /** One line for the log. */
    String describe(SandboxLimits limits);

    /** No cgroup: processes × per-process address space stays within the total. */
    record ProcessBudget(String whyNoCgroup) implements MemoryFence {

        @Override
        public int processes(SandboxLimits limits) {
            return limits.processesWithinTotal();
        }

        @Override
        public Optional<Path> procsFile(Slot slot) {
            return Optional.empty();
        }

        @Override
        public void enter(Slot slot) {
            // Nothing to prepare: the limits are rlimits, set by the command line.
        }

        @Override
        public boolean leave(Slot slot) {
            return false;
        }

        @Override
        public String describe(SandboxLimits limits) {
            int processes = limits.processesWithinTotal();
            return "memory fence PROCESS_BUDGET (no cgroup: " + whyNoCgroup + "): " + processes
                    + (processes == 1 ? " process × " : " processes × ") + Units.bytes(limits.memoryBytes()) + " + " + SandboxLimits.TMPFS_MOUNTS + " tmpfs × "
                    + Units.bytes(limits.tmpfsBytes()) + " within " + Units.bytes(limits.totalMemoryBytes())
                    + ", OOM killer's first choice";
        }
    }
}
