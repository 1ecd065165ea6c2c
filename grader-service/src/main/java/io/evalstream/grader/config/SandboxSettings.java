package io.evalstream.grader.config;

import io.evalstream.sandbox.FallbackPolicy;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The code sandbox HumanEval-style tasks run in (see the sandbox module's README for what each limit does). */
@ConfigMapping(prefix = "evalstream.grader.sandbox")
public interface SandboxSettings {

    /** The interpreter; under bubblewrap it must live under /usr, the only host tree the sandbox mounts. */
    @WithDefault("/usr/bin/python3")
    Path python();

    /** The bubblewrap binary; unset: {@code bwrap} on the PATH. */
    Optional<Path> bwrap();

    /** Where per-execution scratch directories are made and removed; unset: {@code java.io.tmpdir/evalstream-sandbox}. */
    Optional<Path> workRoot();

    /** Programs run at once; unset: one per processor. */
    OptionalInt slots();

    @WithDefault("5s")
    Duration cpuTime();

    @WithDefault("10s")
    Duration wallTime();

    /** Address space per process. */
    @WithDefault("256M")
    MemorySize memory();

    /**
     * Memory of one execution in total (all its processes and its two tmpfs mounts). Two slots of 512M fit the
     * pod's 1536Mi beside the JVM. Must hold one process of {@link #memory()} and two tmpfs of 4 × {@link #fileSize()}:
     * the grader does not start otherwise.
     */
    @WithDefault("512M")
    MemorySize totalMemory();

    /** Processes and threads the program may have. */
    @WithDefault("32")
    int processes();

    /** Combined stdout and stderr; more and the program is killed. */
    @WithDefault("64K")
    MemorySize output();

    /** Largest file the program may write. */
    @WithDefault("16M")
    MemorySize fileSize();

    /** When bubblewrap cannot run here: REFUSE (code tasks are dead-lettered) or RLIMITS_ONLY (no isolation). */
    @WithDefault("REFUSE")
    FallbackPolicy fallback();
}
