package io.evalstream.grader.execution;

import io.evalstream.benchmarks.grading.CodePrograms;
import io.evalstream.benchmarks.grading.ProgramRunner.ProgramRun;
import io.evalstream.sandbox.Execution;
import io.evalstream.sandbox.Sandbox;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Runs a {@link CodePrograms#humanEval harness program} in the sandbox and decides whether it passed: a clean exit is
 * not enough, the output must carry the line the harness writes once check() has returned, with a nonce that only
 * this run's stdin held. A completion that exits early with status 0, or prints a guessed marker, fails.
 */
public final class HarnessRunner {

    private static final int NONCE_BYTES = 16;

    private final Sandbox sandbox;
    private final SecureRandom nonces = new SecureRandom();

    public HarnessRunner(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** What the sandbox did, and what that means for the grade. */
    public record Checked(Execution execution, ProgramRun run) {
    }

    /** Never throws for anything the program does; a sandbox fault shows in the execution's status. */
    public Checked run(String program) {
        byte[] bytes = new byte[NONCE_BYTES];
        nonces.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        Execution execution = sandbox.runPython(program, nonce + "\n");
        return new Checked(execution, judge(execution, nonce));
    }

    static ProgramRun judge(Execution execution, String nonce) {
        if (!execution.passed()) {
            return ProgramRun.fail(execution.reason());
        }
        return execution.output().contains(CodePrograms.evidence(nonce)) ? ProgramRun.pass()
                : ProgramRun.fail("exit 0 before check() returned: the harness never confirmed the tests ran to the end"
                        + " (os._exit in the completion, or its output redirected?)");
    }
}
