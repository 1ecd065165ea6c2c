package io.evalstream.sandbox;

/** The isolation a {@link Sandbox} achieved on this machine, decided once when it starts. */
public enum Isolation {
    /** bubblewrap namespaces (no network, private filesystem, own pid tree) plus resource limits. */
    BUBBLEWRAP,
    /** Resource limits and a scratch working directory only: network and filesystem are NOT isolated. */
    RLIMITS_ONLY,
    /** Nothing may run: every execution is {@link Execution.Status#REFUSED}. */
    NONE
}
