package io.evalstream.grader.messaging;

/** The automatic judge's tools could not be loaded: the answer is ungradable (no fault of the model). */
class JudgeUnavailableException extends RuntimeException {

    JudgeUnavailableException(String reason, Throwable cause) {
        super("automatic judge unavailable: its tools did not load (" + reason + ")", cause);
    }
}
