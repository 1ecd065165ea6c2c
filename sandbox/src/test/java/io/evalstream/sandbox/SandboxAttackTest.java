package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.sandbox.Execution.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile programs against the real bubblewrap sandbox: each is contained, not passed, and the next one runs. */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxAttackTest {

    /** A placeholder in a program, replaced by the host directory the program must not reach. */
    private static final String HOST_DIR = "{HOST_DIR}";
    private static final String PORT = "{PORT}";
    /** Placeholders for the host's home directory and the repository, which must stay untouched. */
    private static final String HOST_HOME = "{HOST_HOME}";
    private static final String REPO = "{REPO}";
    private static final String CANARY_VARIABLE = "EVALSTREAM_SANDBOX_CANARY";
    private static final long ONE_GIB = 1024L * 1024 * 1024;

    @TempDir
    static Path workRoot;
    /**
     * A host folder under the system's /tmp, where the sandbox mounts a tmpfs of its own: the attacks write to its path,
     * and nothing may reach the host's folder. (Not a @TempDir: the tests' temp dir lies under target/, a path that
     * does not exist in the sandbox's read-only root at all.)
     */
    private static Path hostDir;
    private Sandbox sandbox;
    private ServerSocket listener;

    record Attack(String name, String program, Set<Status> contained, String mustNotExistOnHost) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start() throws IOException {
        hostDir = Files.createTempDirectory(Path.of("/tmp"), "evalstream-attack-host");
        sandbox = SandboxFixture.startBubblewrap(SandboxFixture.config(workRoot, 2, SandboxFixture.FAST));
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    void stop() throws IOException {
        sandbox.close();
        listener.close();
        try (Stream<Path> paths = Files.walk(hostDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @AfterEach
    void nothingLeft() throws IOException {
        SandboxFixture.assertNothingLeft(sandbox, workRoot);
    }

    static Stream<Attack> attacks() {
        Set<Status> failed = EnumSet.of(Status.FAILED);
        Set<Status> stopped = EnumSet.of(Status.FAILED, Status.TIMED_OUT);
        return Stream.of(
                new Attack("infinite loop", "while True:\n    pass\n", EnumSet.of(Status.TIMED_OUT), null),
                new Attack("fork bomb", "import os\nwhile True:\n    os.fork()\n", stopped, null),
                new Attack("fork bomb that survives EAGAIN",
                        "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n", stopped, null),
                new Attack("10 GB allocation", "x = bytearray(10 * 1024 ** 3)\n", failed, null),
                new Attack("socket to the internet",
                        "import socket\nsocket.create_connection(('1.1.1.1', 80), timeout=3)\n", failed, null),
                new Attack("DNS lookup", "import socket\nprint(socket.getaddrinfo('example.com', 443))\n", failed, null),
                new Attack("socket to the test JVM on loopback",
                        "import socket\nsocket.create_connection(('127.0.0.1', " + PORT + "), timeout=3)\n", failed, null),
                new Attack("write into /usr", "open('/usr/x', 'w').write('x')\n", failed, "/usr/x"),
                new Attack("write into /etc through /tmp/..", "open('/tmp/../etc/x', 'w').write('x')\n", failed, "/etc/x"),
                new Attack("write into a host temp dir",
                        "open('" + HOST_DIR + "/pwned', 'w').write('x')\n", failed, HOST_DIR + "/pwned"),
                new Attack("write into the host's home directory",
                        "open('" + HOST_HOME + "/evalstream-sandbox-pwned', 'w').write('x')\n", failed,
                        HOST_HOME + "/evalstream-sandbox-pwned"),
                new Attack("write into the repository",
                        "open('" + REPO + "/evalstream-sandbox-pwned', 'w').write('x')\n", failed,
                        REPO + "/evalstream-sandbox-pwned"),
                new Attack("write into the sandbox root", "open('/x', 'w').write('x')\n", failed, null),
                new Attack("write into /dev", "open('/dev/shm/x', 'w').write('x')\n", failed, null),
                new Attack("read the host's /etc/passwd", "print(open('/etc/passwd').read())\n", failed, null),
                new Attack("list the repository", "import os\nprint(os.listdir('/work'))\n", failed, null),
                new Attack("file larger than the file limit", "open('big', 'wb').write(b'x' * (2 * 1024 * 1024))\n", failed, null),
                new Attack("fill the scratch tmpfs with small files",
                        "for i in range(100):\n    open(f'f{i}', 'wb').write(b'x' * 900_000)\n", failed, null),
                new Attack("raise its own process limit",
                        "import resource\nresource.setrlimit(resource.RLIMIT_NPROC, (10**6, 10**6))\n", failed, null),
                new Attack("huge single print", "print('x' * 10**8)\n", EnumSet.of(Status.OUTPUT_LIMIT), null),
                new Attack("endless printing", "while True:\n    print('y' * 100)\n", EnumSet.of(Status.OUTPUT_LIMIT), null),
                new Attack("sleep 60 s", "import time\ntime.sleep(60)\n", EnumSet.of(Status.TIMED_OUT), null),
                new Attack("ignore SIGXCPU and loop",
                        "import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\nwhile True:\n    pass\n", stopped, null),
                new Attack("kill every process it can see",
                        "import os, time\nos.kill(-1, 9)\ntime.sleep(0.2)\nraise SystemExit(7)\n", failed, null),
                new Attack("detach a sleeping grandchild, then fail",
                        "import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        time.sleep(60)\n"
                                + "    os._exit(0)\nraise SystemExit(3)\n", failed, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void hostileProgramIsContainedGradedNotPassedAndTheSandboxStillWorks(Attack attack) {
        String program = hostPaths(attack.program()).replace(PORT, Integer.toString(listener.getLocalPort()));

        Execution execution = sandbox.runPython(program);

        assertThat(execution.passed()).as("%s: %s", attack.name(), execution).isFalse();
        assertThat(execution.status()).as("%s: %s", attack.name(), execution).isIn(attack.contained());
        assertThat(execution.output().length()).isLessThanOrEqualTo(OutputTail.EXCERPT_BYTES);
        if (attack.mustNotExistOnHost() != null) {
            assertThat(Path.of(hostPaths(attack.mustNotExistOnHost()))).doesNotExist();
        }
        assertThat(sandbox.runPython("print('still here')\n").passed()).as("the sandbox after %s", attack.name()).isTrue();
        assertHostUnaffected();
    }

    /**
     * Each call, made for real through ctypes, fails with EPERM from the filter. The last column is what the same
     * call gave as a slot uid in the same bwrap sandbox without the filter (Linux 6.18): every one differs.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            ptrace(PTRACE_TRACEME),        101, 0,          0,  succeeds
            unshare(CLONE_NEWUSER),        272, 0x10000000, 0,  ENOSPC
            mount,                         165, 0,          0,  EFAULT
            keyctl(KEYCTL_GET_KEYRING_ID), 250, 0,          -1, ENOKEY
            add_key,                       248, 0,          0,  EFAULT
            bpf,                           321, 0,          0,  EINVAL
            setns,                         308, -1,         0,  EBADF
            io_uring_setup,                425, 1,          0,  EFAULT
            perf_event_open,               298, 0,          0,  EFAULT
            process_vm_writev,             311, 1,          0,  EINVAL
            """)
    void deniedSystemCallsFailWithEpermInsideTheSandbox(String name, int nr, String arg0, String arg1, String unfiltered) {
        Execution execution = sandbox.runPython("""
                import ctypes
                libc = ctypes.CDLL(None, use_errno=True)
                result = libc.syscall(%d, ctypes.c_long(%s), ctypes.c_long(%s), 0, 0, 0)
                print('result', result, 'errno', ctypes.get_errno())
                """.formatted(nr, arg0, arg1));

        assertThat(execution.passed()).as("%s: %s", name, execution).isTrue();
        assertThat(execution.output()).as("%s (without the filter: %s)", name, unfiltered).contains("result -1 errno 1");
    }

    @Test
    void ordinaryProgramsStillForkAndStartThreadsUnderTheFilter() {
        Execution execution = sandbox.runPython("""
                import os, threading
                from concurrent.futures import ThreadPoolExecutor
                with ThreadPoolExecutor(4) as pool:
                    squares = list(pool.map(lambda n: n * n, range(8)))
                pid = os.fork()
                if pid == 0:
                    os._exit(5)
                _, status = os.waitpid(pid, 0)
                print(squares, os.waitstatus_to_exitcode(status))
                """);

        assertThat(execution.passed()).as(execution.toString()).isTrue();
        assertThat(execution.output()).contains("[0, 1, 4, 9, 16, 25, 36, 49] 5");
    }

    @Test
    void theWorkersEnvironmentIsNotReadableFromTheSandbox() {
        String canary = System.getenv(CANARY_VARIABLE);
        assertThat(canary).as("sandbox/pom.xml sets %s for the test JVM", CANARY_VARIABLE).startsWith("sk-canary-");
        // The program knows what to look for, as an attacker who guessed a variable's name would.
        Execution execution = sandbox.runPython("""
                import glob, os
                found = [name for name, value in os.environ.items() if '%1$s' in name or '%2$s' in value]
                for path in ['/proc/self/environ', '/proc/1/environ'] + glob.glob('/proc/*/environ'):
                    try:
                        if b'%2$s' in open(path, 'rb').read():
                            found.append(path)
                    except OSError:
                        pass
                print('variables:', sorted(os.environ))
                print('found:', found)
                """.formatted(CANARY_VARIABLE, canary));

        assertThat(execution.passed()).as(execution.toString()).isTrue();
        assertThat(execution.output()).contains("found: []").doesNotContain(canary);
    }

    /** The host can still start processes and has memory left: nothing the attack did outlived it. */
    private static void assertHostUnaffected() {
        try {
            Process process = new ProcessBuilder("true").start();
            assertThat(process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0)
                    .as("the host can still fork").isTrue();
            String available = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemAvailable:")).findFirst().orElseThrow();
            long kib = Long.parseLong(available.replaceAll("\\D", ""));
            assertThat(kib * 1024).as("host memory available").isGreaterThan(ONE_GIB);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the host", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String hostPaths(String text) {
        String repo = System.getProperty("evalstream.home", Path.of("").toAbsolutePath().getParent().toString());
        return text.replace(HOST_DIR, hostDir.toString()).replace(HOST_HOME, System.getProperty("user.home"))
                .replace(REPO, repo);
    }

    @Test
    void loopbackIsTheSandboxesOwnAndNeverReachesTheTestJvm() throws IOException {
        Execution execution = sandbox.runPython("import socket\nsocket.create_connection(('127.0.0.1', "
                + listener.getLocalPort() + "), timeout=3)\n");

        assertThat(execution.reason()).isEqualTo("exit 1: ConnectionRefusedError: [Errno 111] Connection refused");
        listener.setSoTimeout(200);
        assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void timeoutsAndLimitsAreReportedInOneHumanLine() {
        assertThat(sandbox.runPython("import time\ntime.sleep(60)\n").reason()).isEqualTo("killed after 2 s wall time");
        assertThat(sandbox.runPython("while True:\n    pass\n").reason()).isEqualTo("killed after 1 s CPU time (SIGXCPU)");
        assertThat(sandbox.runPython("print('x' * 10**6)\n").reason()).isEqualTo("output exceeded 64 KiB");
        assertThat(sandbox.runPython("x = bytearray(10 * 1024 ** 3)\n").reason()).isEqualTo("exit 1: MemoryError");
    }

    @Test
    void aWallTimeKillReturnsPromptly() {
        Execution execution = sandbox.runPython("import time\ntime.sleep(60)\n");

        assertThat(execution.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(execution.wallTime()).isBetween(SandboxFixture.FAST.wallTime(), SandboxFixture.FAST.wallTime().plusSeconds(3));
    }

    @Test
    void aHostPathRecreatedInsideTheSandboxStaysInsideIt() {
        Path target = hostDir.resolve("made-inside");
        Execution execution = sandbox.runPython("import os\nos.makedirs('" + hostDir + "', exist_ok=True)\n"
                + "open('" + target + "', 'w').write('x')\nprint(open('" + target + "').read())\n");

        assertThat(execution.passed()).as(execution.toString()).isTrue();
        assertThat(target).doesNotExist();
    }

    @Test
    void internetIsUnreachable() {
        Execution execution = sandbox.runPython("import socket\nsocket.create_connection(('1.1.1.1', 80), timeout=3)\n");

        assertThat(execution.reason()).isEqualTo("exit 1: OSError: [Errno 101] Network is unreachable");
    }

    @Test
    void writesToScratchAndTmpWorkButStayInsideTheSandbox() throws IOException {
        Execution execution = sandbox.runPython("open('/scratch/note', 'w').write('a')\nopen('/tmp/note', 'w').write('b')\n"
                + "print(open('note').read() + open('/tmp/note').read())\n");

        assertThat(execution.passed()).as(execution.toString()).isTrue();
        assertThat(execution.output()).contains("ab");
        try (Stream<Path> hostTmp = Files.list(Path.of("/tmp"))) {
            assertThat(hostTmp.map(Path::getFileName).map(Path::toString)).doesNotContain("note");
        }
    }
}
