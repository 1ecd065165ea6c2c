package io.evalstream.grader.grading;

/**
 * Runs a Python program in a sandbox for {@link Grader#gradeCode}. The grading package does not run code itself:
 * the caller passes, e.g., {@code program -> sandbox.runPython(program).passed()}.
 */
@FunctionalInterface
public interface ProgramRunner {

    /**
     * @return true when the program ran to a clean exit (every test passed); false when it failed, crashed or
     *         timed out. Throw when the sandbox itself could not run it: that is not the model's fault.
     */
    boolean passes(String program);
}
