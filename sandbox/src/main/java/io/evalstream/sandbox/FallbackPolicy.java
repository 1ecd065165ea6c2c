package io.evalstream.sandbox;

/** What a {@link Sandbox} does when bubblewrap cannot run on this machine. */
public enum FallbackPolicy {
    /** Run nothing: every execution is {@link Execution.Status#REFUSED} with the reason. The safe default. */
    REFUSE,
    /** Run with resource limits only, in a scratch directory, without namespaces. Trusted code only. */
    RLIMITS_ONLY
}
