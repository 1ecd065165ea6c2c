package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.sandbox.Execution.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

/** Ordinary programs in the real bubblewrap sandbox: verdicts, output, environment, concurrency. */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxBehaviourTest {

    private static final Set<String> SANDBOX_ENV = Set.of("PATH", "HOME", "PYTHONDONTWRITEBYTECODE", "PYTHONHASHSEED",
            "PWD", "LC_CTYPE");

    @TempDir
    static Path workRoot;
    private Sandbox sandbox;

    @BeforeAll
    void start() {
        sandbox = SandboxFixture.startBubblewrap(SandboxFixture.config(workRoot, 2, SandboxFixture.FAST));
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @AfterEach
    void nothingLeft() throws IOException {
        SandboxFixture.assertNothingLeft(sandbox, workRoot);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            passing program           | "def add(a, b):\\n    return a + b\\nassert add(2, 3) == 5\\nprint('ok')\\n" | PASSED | 0  | exit 0
            failed assertion          | "assert 1 + 1 == 3\\n"                                                       | FAILED | 1  | exit 1: AssertionError
            assertion with message    | "assert False, 'wrong answer for [1, 2]'\\n"                                 | FAILED | 1  | exit 1: AssertionError: wrong answer for [1, 2]
            syntax error              | "def f(:\\n    pass\\n"                                                      | FAILED | 1  | exit 1: SyntaxError: invalid syntax
            name error                | "check(candidate)\\n"                                                        | FAILED | 1  | exit 1: NameError: name 'check' is not defined
            explicit exit code        | "import sys\\nsys.exit(3)\\n"                                                | FAILED | 3  | exit 3
            stdin is empty            | "import sys\\nassert sys.stdin.read() == ''\\n"                              | PASSED | 0  | exit 0
            non-ASCII output          | "print('Iğdır ünïcödé ✓')\\n"                                                | PASSED | 0  | exit 0
            NUL byte cutting off tests| "x = 1\\0\\nassert False\\n"                                              | FAILED | -1 | the program contains a NUL byte (CPython 3.11 silently mangles the source there)
            segmentation fault        | "import ctypes\\nctypes.string_at(0)\\n"                                     | FAILED | 139 | killed by signal 11 (SIGSEGV)
            """)
    void programIsJudgedByItsExit(String name, String program, Status status, int exitCode, String reason) {
        Execution execution = sandbox.runPython(program.translateEscapes());

        assertThat(execution.status()).as(execution.toString()).isEqualTo(status);
        assertThat(execution.exitCode()).isEqualTo(exitCode);
        assertThat(execution.reason()).isEqualTo(reason);
        assertThat(execution.passed()).isEqualTo(status == Status.PASSED);
    }

    @Test
    void outputKeepsTheEndOfAFailureWithinTheExcerptBound() {
        Execution execution = sandbox.runPython("for i in range(5000):\n    print('line', i)\nassert False, 'the end'\n");

        assertThat(execution.status()).isEqualTo(Status.FAILED);
        assertThat(execution.output()).endsWith("AssertionError: the end\n").hasSizeLessThanOrEqualTo(OutputTail.EXCERPT_BYTES);
        assertThat(execution.output()).doesNotContain("line 0\n");
    }

    @Test
    void theProgramReadsItsInputOnceAndThenEndOfFile() {
        Execution run = sandbox.runPython("import sys\nfirst = sys.stdin.readline()\nrest = sys.stdin.read()\n"
                + "print(repr(first), repr(rest))\n", "nonce-123\n");

        assertThat(run.status()).isEqualTo(Status.PASSED);
        assertThat(run.output()).contains("'nonce-123\\n' ''");
    }

    @Test
    void anInputBeyondAPipesWorthIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> sandbox.runPython("pass\n", "x".repeat(4097)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 4096 characters");
    }

    @Test
    void jvmEnvironmentDoesNotReachTheProgram() throws IOException {
        Execution execution = sandbox.runPython("import os, json\nprint(json.dumps(dict(os.environ)))\n");
        Map<String, String> inside = new ObjectMapper().readValue(execution.output(), new TypeReference<>() { });

        assertThat(inside.keySet()).isSubsetOf(SANDBOX_ENV);
        assertThat(inside).containsEntry("PATH", "/usr/bin:/bin").containsEntry("HOME", "/scratch")
                .containsEntry("PYTHONHASHSEED", "0");
        System.getenv().forEach((key, value) -> {
            if (!SANDBOX_ENV.contains(key)) {
                assertThat(inside).doesNotContainKey(key);
            }
        });
        assertThat(inside.get("HOME")).isNotEqualTo(System.getenv("HOME"));
    }

    @Test
    void programRunsAsTheSlotUidWithNoCapabilitiesAndNoHostProcessesInView() {
        Execution execution = sandbox.runPython("import os\nprint(os.getuid())\n"
                + "print([l for l in open('/proc/self/status') if l.startswith('CapEff')][0].split()[1])\n"
                + "print(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))\n");

        List<String> lines = execution.output().lines().toList();
        assertThat(sandbox.slotUids()).contains(Integer.parseInt(lines.get(0)));
        assertThat(lines.get(1)).isEqualTo("0000000000000000");
        assertThat(lines.get(2)).isIn("[1, 2]", "[1, 2, 3]");
    }

    @Test
    void stringHashingIsDeterministicAcrossRuns() {
        String program = "print(hash('evalstream'))\n";
        Execution first = sandbox.runPython(program);
        Execution second = sandbox.runPython(program);

        // Two runs that crash alike (no python, a denied mount) would print the same too: both must have run.
        assertThat(List.of(first, second)).allSatisfy(run -> {
            assertThat(run.passed()).as(run.toString()).isTrue();
            assertThat(run.output()).as("a string hash").matches("-?[0-9]+\\n");
        });
        assertThat(first.output()).isEqualTo(second.output());
    }

    @Test
    void detachedGrandchildIsGoneAndDoesNotHoldTheResultBack() throws IOException {
        Execution execution = sandbox.runPython("import os, time\nif os.fork() == 0:\n    os.setsid()\n"
                + "    if os.fork() == 0:\n        time.sleep(60)\n    os._exit(0)\nos.wait()\nprint('parent done')\n");

        assertThat(execution.passed()).as(execution.toString()).isTrue();
        assertThat(execution.wallTime()).isLessThan(SandboxFixture.FAST.wallTime());
        for (int uid : sandbox.slotUids()) {
            assertThat(SandboxFixture.livePidsOf(uid)).isEmpty();
        }
    }

    @Test
    void sixteenProgramsOverTwoSlotsEachGetTheirOwnVerdict() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Execution>> runs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String program = "import os\nprint('task %d uid', os.getuid())\nassert %d %% 2 == 0\n".formatted(i, i);
                runs.add(callers.submit(() -> sandbox.runPython(program)));
            }
            Set<Integer> uids = new HashSet<>();
            for (int i = 0; i < 16; i++) {
                Execution execution = runs.get(i).get();
                assertThat(execution.output()).startsWith("task " + i + " uid ");
                assertThat(execution.passed()).as(execution.toString()).isEqualTo(i % 2 == 0);
                uids.add(Integer.parseInt(execution.output().lines().findFirst().orElseThrow().split(" ")[3]));
            }
            assertThat(uids).isSubsetOf(sandbox.slotUids()).hasSizeLessThanOrEqualTo(2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void describeNamesIsolationPythonSlotsAndLimits() {
        assertThat(sandbox.describe()).contains("isolation BUBBLEWRAP", "seccomp denies 43 system calls", "memory fence ",
                "OOM killer's first choice", "python /usr/bin/python3", "2 slots",
                "cpu 1 s, wall 2 s, memory 256 MiB per process, 4104 MiB in total, processes 16, output 64 KiB, file 1 MiB");
    }

    @Test
    void closedSandboxRejectsNewPrograms() {
        Sandbox other = SandboxFixture.startBubblewrap(SandboxFixture.config(workRoot, 1, SandboxFixture.FAST));
        other.close();

        assertThatThrownBy(() -> other.runPython("pass\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
