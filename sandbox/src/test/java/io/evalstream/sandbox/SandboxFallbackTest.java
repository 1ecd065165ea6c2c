package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.sandbox.Execution.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a sandbox does where bubblewrap cannot run: refuse by default, or limits only when told to. */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxFallbackTest {

    private static final Path NO_BWRAP = Path.of("/nonexistent/bwrap");

    @TempDir
    Path workRoot;

    @Test
    void withoutBubblewrapTheDefaultPolicyRefusesEveryProgramWithTheReason() {
        try (Sandbox sandbox = Sandbox.start(SandboxFixture.config(workRoot, 1, SandboxFixture.FAST).withBwrap(NO_BWRAP))) {
            Execution execution = sandbox.runPython("print('hello')\n");

            assertThat(sandbox.isolation()).isEqualTo(Isolation.NONE);
            assertThat(execution.status()).isEqualTo(Status.REFUSED);
            assertThat(execution.status().isSandboxFault()).isTrue();
            assertThat(execution.passed()).isFalse();
            assertThat(execution.reason()).isEqualTo("bubblewrap cannot run here: bwrap not found at /nonexistent/bwrap; "
                    + "install the Debian package bubblewrap or set fallback RLIMITS_ONLY");
            assertThat(sandbox.describe()).startsWith("isolation NONE (bubblewrap cannot run here");
        }
    }

    @Test
    void pythonOutsideUsrIsRefusedUnderBubblewrapWithTheReason() throws IOException {
        Path fakePython = Files.writeString(workRoot.resolve("python3"), "#!/bin/sh\nexec /usr/bin/python3 \"$@\"\n");
        Files.setPosixFilePermissions(fakePython, PosixFilePermissions.fromString("rwxr-xr-x"));
        SandboxConfig config = new SandboxConfig(fakePython, SandboxConfig.defaults().bwrap(), workRoot.resolve("work"), 1,
                SandboxFixture.FAST, FallbackPolicy.REFUSE);

        try (Sandbox sandbox = Sandbox.start(config)) {
            assertThat(sandbox.isolation()).isEqualTo(Isolation.NONE);
            assertThat(sandbox.runPython("pass\n").reason()).contains("is outside /usr, the only host tree mounted in the sandbox");
        }
    }

    @Test
    void rlimitsOnlyFallbackRunsProgramsUnderLimitsAndSaysItIsNotIsolated() throws IOException {
        SandboxConfig config = SandboxFixture.config(workRoot, 2, SandboxFixture.FAST).withBwrap(NO_BWRAP)
                .withFallback(FallbackPolicy.RLIMITS_ONLY);
        try (Sandbox sandbox = Sandbox.start(config)) {
            assertThat(sandbox.isolation()).isEqualTo(Isolation.RLIMITS_ONLY);
            assertThat(sandbox.describe()).contains("network and filesystem are NOT isolated");

            assertThat(sandbox.runPython("assert 2 + 2 == 4\n").passed()).isTrue();
            assertThat(sandbox.runPython("assert 2 + 2 == 5\n").reason()).isEqualTo("exit 1: AssertionError");
            assertThat(sandbox.runPython("while True:\n    pass\n").status()).isEqualTo(Status.TIMED_OUT);
            assertThat(sandbox.runPython("x = bytearray(10 * 1024 ** 3)\n").reason()).isEqualTo("exit 1: MemoryError");
            assertThat(sandbox.runPython("print('x' * 10**8)\n").status()).isEqualTo(Status.OUTPUT_LIMIT);
            assertThat(sandbox.runPython("import time\ntime.sleep(60)\n").status()).isEqualTo(Status.TIMED_OUT);
            assertThat(sandbox.runPython("import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n")
                    .passed()).isFalse();
            SandboxFixture.assertNothingLeft(sandbox, workRoot);
        }
    }

    @Test
    void rlimitsOnlyFallbackStillClearsTheEnvironmentAndKillsDetachedChildren() throws IOException {
        SandboxConfig config = SandboxFixture.config(workRoot, 1, SandboxFixture.FAST).withBwrap(NO_BWRAP)
                .withFallback(FallbackPolicy.RLIMITS_ONLY);
        try (Sandbox sandbox = Sandbox.start(config)) {
            Execution env = sandbox.runPython("import os\nprint(sorted(os.environ))\n");
            Execution detached = sandbox.runPython("import os, time\nif os.fork() == 0:\n    os.setsid()\n"
                    + "    if os.fork() == 0:\n        time.sleep(60)\n    os._exit(0)\nos.wait()\n");

            assertThat(env.output().strip())
                    .isIn("['HOME', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONHASHSEED']",
                            "['HOME', 'LC_CTYPE', 'PATH', 'PYTHONDONTWRITEBYTECODE', 'PYTHONHASHSEED']");
            assertThat(detached.passed()).as(detached.toString()).isTrue();
            assertThat(detached.wallTime()).isLessThan(SandboxFixture.FAST.wallTime());
            SandboxFixture.assertNothingLeft(sandbox, workRoot);
        }
    }
}
