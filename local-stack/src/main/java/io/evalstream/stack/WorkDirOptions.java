package io.evalstream.stack;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command's broker data, service logs and temp files go, and whether they stay when it ends. */
final class WorkDirOptions {

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where broker data, service logs and the services'"
            + " temp files go, kept afterwards (default: a new directory in the system's temp dir, deleted at the end).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the temporary work directory at the end, to read its logs.")
    boolean keep;

    /** The directory named with --work-dir, else a new temporary one named {@code prefix...}. */
    WorkDir open(String prefix) throws IOException {
        return workDir != null ? WorkDir.given(workDir) : WorkDir.temporary(prefix, keep);
    }
}
