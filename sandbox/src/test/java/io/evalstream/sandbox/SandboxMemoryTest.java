package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.sandbox.Execution.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that forks many children, each filling memory it touches, against the real sandbox: the JVM survives,
 * the execution is graded FAILED with a reason, and the memory of all its processes together stays within the
 * configured total. Which fence held it (a cgroup, or the process budget) is printed, loudly.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxMemoryTest {

    private static final long MIB = 1L << 20;
    /** 128 MiB per process, 16 processes, 1 MiB files (two 4 MiB tmpfs), 400 MiB per execution in total. */
    private static final SandboxLimits LIMITS = new SandboxLimits(Duration.ofSeconds(3), Duration.ofSeconds(6), 128 * MIB, 16,
            64L << 10, MIB, 400 * MIB);
    /**
     * Forks up to 20 children, retrying for a second when the kernel says no; each child writes 100 MiB (so it is
     * resident) and holds it. Then the parent fills 200 MiB itself. Unbounded, this is 2.2 GiB.
     */
    private static final String FORK_AND_FILL = """
            import os, time
            children = []
            deadline = time.monotonic() + 1.0
            while len(children) < 20 and time.monotonic() < deadline:
                try:
                    pid = os.fork()
                except OSError:
                    time.sleep(0.01)
                    continue
                if pid == 0:
                    block = b'x' * (100 * 1024 * 1024)
                    time.sleep(30)
                    os._exit(0)
                children.append(pid)
            time.sleep(0.5)
            print(len(children), 'children', flush=True)
            mine = b'y' * (200 * 1024 * 1024)
            """;

    @TempDir
    static Path workRoot;
    private Sandbox sandbox;

    @BeforeAll
    void start() {
        sandbox = SandboxFixture.startBubblewrap(SandboxFixture.config(workRoot, 1, LIMITS));
        System.out.println("MEMORY FENCE IN FORCE: " + sandbox.describe());
        if (!sandbox.describe().contains("memory fence CGROUP")) {
            System.out.println("NOT RUN HERE: the cgroup v2 fence (memory.max, pids.max); this host gets the process budget"
                    + " instead, and that is what the attack below meets");
        }
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void forkAndFillIsGradedFailedWithinTheTotalAndTheJvmLivesOn() throws Exception {
        long jvm = ProcessHandle.current().pid();
        ExecutorService sampler = Executors.newSingleThreadExecutor();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong peak = new AtomicLong();
        try {
            Future<?> sampling = sampler.submit(() -> sampleResidentMemory(sandbox.slotUids(), running, peak));
            Execution execution = sandbox.runPython(FORK_AND_FILL);
            running.set(false);
            sampling.get(10, TimeUnit.SECONDS);

            System.out.printf("FORK-AND-FILL: %s (%s) in %s; peak resident memory of the slot uid %d MiB, bound %d MiB%n",
                    execution.status(), execution.reason(), execution.wallTime(), peak.get() / MIB, LIMITS.totalMemoryBytes() / MIB);
            assertThat(ProcessHandle.current().pid()).isEqualTo(jvm);
            assertThat(execution.status()).as(execution.toString()).isEqualTo(Status.FAILED);
            assertThat(execution.reason()).isNotBlank();
            assertThat(peak.get()).as("peak resident memory of the execution").isPositive()
                    .isLessThanOrEqualTo(LIMITS.totalMemoryBytes());
            assertThat(sandbox.runPython("print('still here')\n").passed()).isTrue();
            SandboxFixture.assertNothingLeft(sandbox, workRoot);
        } finally {
            running.set(false);
            sampler.shutdownNow();
        }
    }

    /**
     * Lowering it again is refused below the floor the wrapper set: 1000 where the JVM has CAP_SYS_RESOURCE (a root
     * grader), else the floor the container runtime set. Below zero is refused everywhere.
     */
    @Test
    void everySandboxedProcessIsTheOomKillersFirstChoice() {
        Execution execution = sandbox.runPython("""
                import os
                print('adj', open('/proc/self/oom_score_adj').read().strip())
                if os.fork() == 0:
                    print('child adj', open('/proc/self/oom_score_adj').read().strip(), flush=True)
                    os._exit(0)
                os.wait()
                with open('/proc/self/oom_score_adj', 'w') as f:
                    f.write('-1000')
                """);

        assertThat(execution.output()).contains("adj 1000", "child adj 1000");
        assertThat(execution.reason()).startsWith("exit 1: PermissionError");
    }

    /**
     * Sums VmRSS over every process of the slot uids (the program's and bwrap's) every few milliseconds, read from
     * /proc independently of the code under test. Only the slot uids are counted: tmpfs pages are not in any RSS,
     * and the limits' 2 × 4 MiB of tmpfs is left unused by this program.
     */
    private static void sampleResidentMemory(List<Integer> uids, AtomicBoolean running, AtomicLong peak) {
        while (running.get()) {
            long total = 0;
            for (int uid : uids) {
                try {
                    for (long pid : SandboxFixture.livePidsOf(uid)) {
                        total += residentBytes(pid);
                    }
                } catch (IOException e) {
                    // /proc changes under us while processes exit: the next sample counts again
                }
            }
            peak.accumulateAndGet(total, Math::max);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static long residentBytes(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).orElse(0L);
        } catch (IOException e) {
            return 0; // exited between the listing and the read
        }
    }
}
