package io.evalstream.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Decides once, by running a trivial program for real, which {@link Isolation} a sandbox gets. */
final class Probe {

    private static final String MARKER = "evalstream-sandbox-probe-ok";
    private static final String PROGRAM = "print('" + MARKER + "')\n";

    /** The isolation and why, in one line for the log. */
    record Decision(Isolation isolation, String reason) {
    }

    private Probe() {
    }

    static Decision decide(SandboxConfig config, ExecutionRunner runner, Slot slot) {
        if (!Files.isRegularFile(config.python()) || !Files.isExecutable(config.python())) {
            return new Decision(Isolation.NONE, "python not found at " + config.python()
                    + "; install the Debian package python3 or configure the interpreter");
        }
        Optional<String> bubblewrap = bubblewrapProblem(config, runner, slot);
        if (bubblewrap.isEmpty()) {
            return new Decision(Isolation.BUBBLEWRAP, "bubblewrap " + config.bwrap() + " ran the probe program");
        }
        String why = "bubblewrap cannot run here: " + bubblewrap.get();
        if (config.fallback() == FallbackPolicy.REFUSE) {
            return new Decision(Isolation.NONE, why + "; install the Debian package bubblewrap or set fallback RLIMITS_ONLY");
        }
        return trial(runner, slot, Isolation.RLIMITS_ONLY)
                .map(problem -> new Decision(Isolation.NONE, why + "; the RLIMITS_ONLY fallback failed too: " + problem))
                .orElseGet(() -> new Decision(Isolation.RLIMITS_ONLY,
                        why + "; fallback RLIMITS_ONLY: resource limits only, network and filesystem are NOT isolated"));
    }

    private static Optional<String> bubblewrapProblem(SandboxConfig config, ExecutionRunner runner, Slot slot) {
        if (!Files.isRegularFile(config.bwrap()) || !Files.isExecutable(config.bwrap())) {
            return Optional.of("bwrap not found at " + config.bwrap());
        }
        Path realPython = Commands.realPath(config.python());
        if (!realPython.startsWith("/usr/")) {
            String resolved = realPython.equals(config.python()) ? "" : " (" + realPython + ")";
            return Optional.of("python " + config.python() + resolved + " is outside /usr, the only host tree mounted in the sandbox");
        }
        return trial(runner, slot, Isolation.BUBBLEWRAP);
    }

    private static Optional<String> trial(ExecutionRunner runner, Slot slot, Isolation mode) {
        Execution probe = runner.run(mode, slot, PROGRAM, "");
        if (probe.passed() && probe.output().contains(MARKER)) {
            return Optional.empty();
        }
        return Optional.of("the probe program gave " + probe.status() + " (" + probe.reason() + ")");
    }
}
