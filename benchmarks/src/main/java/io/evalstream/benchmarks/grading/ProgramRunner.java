package io.evalstream.benchmarks.grading;

/**
 * Runs a Python program in a sandbox for {@link Grader#gradeCode}. The grading package does not run code itself:
 * the caller passes, e.g., {@code program -> ProgramRun.of(sandbox.runPython(program))}.
 */
@FunctionalInterface
public interface ProgramRunner {

    /**
     * @return whether the program ran to a clean exit (every test passed), and if not, why (a failed assertion, a
     *         crash, a time-out). Throw when the sandbox itself could not run it: that is not the model's fault.
     */
    ProgramRun run(String program);

    /**
     * @param failure why a program did not pass, in one line (e.g. {@code exit 1: AssertionError}); null when it did
     */
    record ProgramRun(boolean passed, String failure) {

        public static ProgramRun pass() {
            return new ProgramRun(true, null);
        }

        public static ProgramRun fail(String failure) {
            return new ProgramRun(false, failure);
        }
    }
}
