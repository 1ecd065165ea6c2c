package io.evalstream.grader.messaging;

/** The sandbox could not run a program at all (no isolation available, or it broke): the completion is ungradable. */
public class SandboxUnavailableException extends RuntimeException {

    SandboxUnavailableException(String reason) {
        super("code sandbox unavailable: " + reason);
    }
}
