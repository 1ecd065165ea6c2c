package io.evalstream.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command's stack reads datasets and benchmark definitions from and writes broker data and logs to. */
final class StackDirs {

    @Option(names = "--datasets", description = "Datasets root laid out like ../shared/datasets "
            + "(default: the sample files built into the benchmarks module).")
    Path datasets;

    @Option(names = "--benchmarks", description = "A directory of benchmark definitions (*.yaml) to add to the "
            + "built-in ones; see benchmarks/README.md.")
    Path benchmarks;

    @Option(names = "--work-dir", description = "Where broker data and service logs go (default: a new temp dir).")
    Path workDir;

    Path workDirOrTemp(String prefix) throws IOException {
        return workDir != null ? workDir : Files.createTempDirectory(prefix);
    }
}
