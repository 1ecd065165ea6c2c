package io.evalstream.grader.messaging;

/** The automatic judge's tools could not be loaded: the answer is not judged (that is no fault of the model). */
class JudgeUnavailableException extends RuntimeException {

    JudgeUnavailableException(String reason, Throwable cause) {
        super("cannot judge: the automatic judge's tools did not load (" + reason + ")", cause);
    }
}
