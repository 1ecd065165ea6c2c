package io.evalstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.sandbox.Execution.Status;
import io.evalstream.sandbox.Termination.Cause;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OutcomesTest {

    private static final String TRACEBACK = "Traceback (most recent call last):\n  File \"/scratch/main.py\", line 3\n"
            + "    assert candidate([1, 2]) == 3\nAssertionError\n";

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            EXITED       | 0   | ""                               | PASSED        | 0   | exit 0
            EXITED       | 0   | "AssertionError\\n"              | PASSED        | 0   | exit 0
            EXITED       | 1   | TRACEBACK                        | FAILED        | 1   | exit 1: AssertionError
            EXITED       | 1   | "x\\nNameError: name 'y' is not defined\\n\\n  \\n" | FAILED | 1 | exit 1: NameError: name 'y' is not defined
            EXITED       | 2   | ""                               | FAILED        | 2   | exit 2
            EXITED       | 152 | "partial"                        | TIMED_OUT     | 152 | killed after 5 s CPU time (SIGXCPU)
            EXITED       | 137 | ""                               | FAILED        | 137 | killed by signal 9 (SIGKILL)
            EXITED       | 139 | ""                               | FAILED        | 139 | killed by signal 11 (SIGSEGV)
            EXITED       | 162 | ""                               | FAILED        | 162 | killed by signal 34 (SIG34)
            EXITED       | 255 | ""                               | FAILED        | 255 | exit 255
            WALL_TIME    | 137 | "tick\\n"                        | TIMED_OUT     | -1  | killed after 10 s wall time
            OUTPUT_LIMIT | 137 | "xxxx"                           | OUTPUT_LIMIT  | -1  | output exceeded 64 KiB
            NOT_STARTED  | 1   | "bwrap: Creating new namespace failed: Operation not permitted\\n" | SANDBOX_ERROR | -1 | the sandbox did not start the program: bwrap: Creating new namespace failed: Operation not permitted
            NOT_STARTED  | 1   | ""                               | SANDBOX_ERROR | -1  | the sandbox did not start the program: no message
            OUT_OF_MEMORY | 137 | "filling\n"                     | FAILED        | -1  | killed: the execution exceeded 512 MiB of memory in total
            OUT_OF_MEMORY | 1  | "bwrap: Can't fork\n"           | FAILED        | -1  | killed: the execution exceeded 512 MiB of memory in total
            """)
    void terminationIsJudged(Cause cause, int code, String output, Status status, int exitCode, String reason) {
        String text = output.equals("TRACEBACK") ? TRACEBACK : output.translateEscapes();

        Execution execution = Outcomes.judge(new Termination(cause, code, text, Duration.ofMillis(80)), SandboxLimits.defaults());

        assertThat(execution.status()).isEqualTo(status);
        assertThat(execution.exitCode()).isEqualTo(exitCode);
        assertThat(execution.reason()).isEqualTo(reason);
        assertThat(execution.output()).isEqualTo(text);
        assertThat(execution.wallTime()).isEqualTo(Duration.ofMillis(80));
    }

    @Test
    void aVeryLongLastLineIsCutInTheReason() {
        Execution execution = Outcomes.judge(new Termination(Cause.EXITED, 1, "ValueError: " + "z".repeat(5000), Duration.ZERO),
                SandboxLimits.defaults());

        assertThat(execution.reason()).startsWith("exit 1: ValueError: zzz").endsWith("...").hasSizeLessThan(220);
    }

    @Test
    void onlyPassedPasses() {
        for (Status status : Status.values()) {
            Execution execution = new Execution(status, status == Status.PASSED ? 0 : 1, "", Duration.ZERO, "r");
            assertThat(execution.passed()).isEqualTo(status == Status.PASSED);
            assertThat(status.isSandboxFault()).isEqualTo(status == Status.REFUSED || status == Status.SANDBOX_ERROR);
        }
    }
}
