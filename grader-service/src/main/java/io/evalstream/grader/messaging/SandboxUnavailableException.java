package io.evalstream.grader.messaging;

/** The sandbox could not run a program at all (no isolation available, or it broke): the completion is not graded. */
class SandboxUnavailableException extends RuntimeException {

    SandboxUnavailableException(String reason) {
        super("cannot grade code: the sandbox did not run the program (" + reason + ")");
    }
}
