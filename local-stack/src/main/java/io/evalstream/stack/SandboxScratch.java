package io.evalstream.stack;

import io.evalstream.broker.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the bubblewrap sandbox makes its run directories. Not inside the work directory, which only its owner may
 * enter: the sandbox runs each program as a uid of its own, which must traverse every directory above the program.
 * A directory of its own in the system's temp dir instead (the sandbox lets others traverse it, never list it),
 * deleted on close or, on Ctrl-C or SIGTERM, at exit.
 */
final class SandboxScratch implements AutoCloseable {

    private final Path dir;
    private final Runnable deleteOnExit = this::delete;

    private SandboxScratch(Path dir) {
        this.dir = dir;
        ExitHook.cleanUpAtExit(deleteOnExit);
    }

    static SandboxScratch create() {
        try {
            return new SandboxScratch(Files.createTempDirectory("evalstream-sandbox-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory for the code sandbox", e);
        }
    }

    /** The sandbox's work root, {@code evalstream.grader.sandbox.work-root} for a grader. */
    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        ExitHook.forget(deleteOnExit);
        delete();
    }

    private void delete() {
        Directories.delete(dir);
    }
}
