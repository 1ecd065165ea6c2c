package io.evalstream.stack;

import io.evalstream.broker.Directories;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * A command's work directory: broker data, service logs, Streams state and every service's temp files (natives
 * included), gigabytes after a benchmark. A temporary one is deleted when the command ends, normally or on Ctrl-C or
 * SIGTERM (then by the {@link ExitHook}, once the processes writing to it are gone), unless the user asked to keep
 * it. When the command fails it is kept, and its path printed, for the logs that say why.
 */
final class WorkDir {

    private final Path path;
    private final boolean deleteAtEnd;
    private final Runnable deleteOnExit = this::delete;

    private WorkDir(Path path, boolean deleteAtEnd) {
        this.path = path;
        this.deleteAtEnd = deleteAtEnd;
        if (deleteAtEnd) {
            ExitHook.cleanUpAtExit(deleteOnExit);
        }
    }

    /** A directory the user named: theirs, never deleted. */
    static WorkDir given(Path dir) throws IOException {
        return new WorkDir(Files.createDirectories(dir.toAbsolutePath()), false);
    }

    /** A new directory in the system's temp dir, deleted at the end unless {@code keep}. */
    static WorkDir temporary(String prefix, boolean keep) throws IOException {
        return new WorkDir(Files.createTempDirectory(prefix), !keep);
    }

    Path path() {
        return path;
    }

    /** One line for the start of a command: where its data goes and whether it stays. */
    String describe() {
        return "Broker data, service logs and temp files: " + path + (deleteAtEnd
                ? " (temporary: deleted at the end, kept if something fails; --keep keeps it)" : " (kept)");
    }

    /**
     * Runs {@code body} in this directory; afterwards deletes it if it is temporary and the body returned 0, and
     * otherwise names it on {@code err} for its logs.
     */
    int run(Callable<Integer> body, PrintStream err) throws Exception {
        boolean succeeded = false;
        try {
            int exit = body.call();
            succeeded = exit == 0;
            return exit;
        } finally {
            end(succeeded, err);
        }
    }

    private void end(boolean succeeded, PrintStream err) {
        if (ExitHook.exiting()) {
            // Ctrl-C or SIGTERM: the body failed because its processes are being stopped. The hook deletes the
            // directory once they are gone.
            return;
        }
        ExitHook.forget(deleteOnExit);
        if (!succeeded) {
            err.println("Kept " + path + " to see what went wrong: each service's log is in a logs/ directory"
                    + " there, the broker's in kafka/server.log.");
        } else if (deleteAtEnd) {
            delete();
        }
    }

    /** Synchronized: should Ctrl-C come while the main thread deletes, the hook waits for it to finish. */
    private synchronized void delete() {
        Directories.delete(path);
    }
}
