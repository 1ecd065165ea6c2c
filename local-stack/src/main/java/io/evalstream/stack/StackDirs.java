package io.evalstream.stack;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command's stack reads datasets and benchmark definitions from. */
final class StackDirs {

    @Option(names = "--datasets", description = "Datasets root laid out like ../shared/datasets "
            + "(default: the sample files built into the benchmarks module).")
    Path datasets;

    @Option(names = "--benchmarks", description = "A directory of benchmark definitions (*.yaml) to add to the "
            + "built-in ones; see benchmarks/README.md.")
    Path benchmarks;
}
