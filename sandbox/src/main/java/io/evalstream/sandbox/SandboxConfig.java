package io.evalstream.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link Sandbox} runs programs.
 *
 * @param python   the interpreter; under bubblewrap it must live under {@code /usr}, the only host tree mounted
 * @param bwrap    the bubblewrap binary
 * @param workRoot where per-execution scratch directories are created and deleted again
 * @param slots    how many programs may run at once; each slot gets its own uid when the JVM is root
 * @param limits   per-execution resource limits
 * @param fallback what to do when bubblewrap cannot run here
 */
public record SandboxConfig(Path python, Path bwrap, Path workRoot, int slots, SandboxLimits limits,
                            FallbackPolicy fallback) {

    /** Slot uids come from a range of 1000; see {@link SlotPool}. */
    static final int MAX_SLOTS = 1000;

    public SandboxConfig {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(bwrap, "bwrap");
        Objects.requireNonNull(workRoot, "workRoot");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(fallback, "fallback");
        if (slots < 1 || slots > MAX_SLOTS) {
            throw new IllegalArgumentException("slots must be in 1.." + MAX_SLOTS + ", was " + slots);
        }
        python = python.toAbsolutePath();
        bwrap = bwrap.toAbsolutePath();
        workRoot = workRoot.toAbsolutePath();
    }

    /**
     * Debian's {@code /usr/bin/python3} (never a pyenv shim from PATH), {@code bwrap} from PATH, scratch under
     * {@code java.io.tmpdir/evalstream-sandbox}, one slot per processor, {@link SandboxLimits#defaults()},
     * and {@link FallbackPolicy#REFUSE}.
     */
    public static SandboxConfig defaults() {
        return new SandboxConfig(Path.of("/usr/bin/python3"),
                Executables.find("bwrap").orElse(Path.of("/usr/bin/bwrap")),
                Path.of(System.getProperty("java.io.tmpdir"), "evalstream-sandbox"),
                Runtime.getRuntime().availableProcessors(), SandboxLimits.defaults(), FallbackPolicy.REFUSE);
    }

    public SandboxConfig withWorkRoot(Path value) {
        return new SandboxConfig(python, bwrap, value, slots, limits, fallback);
    }

    public SandboxConfig withSlots(int value) {
        return new SandboxConfig(python, bwrap, workRoot, value, limits, fallback);
    }

    public SandboxConfig withLimits(SandboxLimits value) {
        return new SandboxConfig(python, bwrap, workRoot, slots, value, fallback);
    }

    public SandboxConfig withBwrap(Path value) {
        return new SandboxConfig(python, value, workRoot, slots, limits, fallback);
    }

    public SandboxConfig withFallback(FallbackPolicy value) {
        return new SandboxConfig(python, bwrap, workRoot, slots, limits, value);
    }
}
