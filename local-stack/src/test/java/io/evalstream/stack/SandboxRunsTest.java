package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo's sentence about the code sandbox says what the grader's counters say ran, nothing more. */
@Timeout(10)
class SandboxRunsTest {

    private static final String BEFORE = """
            # TYPE evalstream_code_executions_total counter
            evalstream_code_executions_total{status="PASSED"} 2.0
            evalstream_code_executions_total{status="FAILED"} 1.0
            evalstream_code_executions_total{status="REFUSED"} 0.0
            """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            # passed | failed | timed out | refused | sentence
            2        | 1      | 0         | 0       | No program was run in the grader's code sandbox.
            8        | 5      | 0         | 0       | 10 programs ran with their tests in the grader's sandbox: 6 passed, 4 failed.
            3        | 1      | 1         | 0       | 2 programs ran with their tests in the grader's sandbox: 1 passed, 1 timed out.
            2        | 1      | 0         | 18      | The sandbox could not run 18 programs (counted as UNGRADABLE errors; logs/grader-service.log says why).
            3        | 1      | 0         | 1       | 1 program ran with their tests in the grader's sandbox: 1 passed. The sandbox could not run 1 program (counted as UNGRADABLE errors; logs/grader-service.log says why).
            """)
    void describesOnlyWhatRanSinceTheRunStarted(long passed, long failed, long timedOut, long refused, String sentence) {
        String after = """
                evalstream_code_executions_total{status="PASSED"} %d.0
                evalstream_code_executions_total{status="FAILED"} %d.0
                evalstream_code_executions_total{status="TIMED_OUT"} %d.0
                evalstream_code_executions_total{status="REFUSED"} %d.0
                """.formatted(passed, failed, timedOut, refused);

        assertThat(SandboxRuns.parse(after).since(SandboxRuns.parse(BEFORE)).describe()).isEqualTo(sentence);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            # exposition without the counters (an old grader, or an empty registry)
            ''
            # other series only
            evalstream_grades_total{verdict="CORRECT"} 3.0
            """)
    void noCountersMeanNothingRan(String metrics) {
        assertThat(SandboxRuns.parse(metrics).describe()).isEqualTo("No program was run in the grader's code sandbox.");
    }
}
