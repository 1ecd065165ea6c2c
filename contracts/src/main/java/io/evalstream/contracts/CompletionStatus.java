package io.evalstream.contracts;

/** Whether the model produced text, or the call failed terminally (after its last attempt). */
public enum CompletionStatus {
    OK,
    ERROR
}
