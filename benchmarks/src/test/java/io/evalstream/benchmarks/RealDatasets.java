package io.evalstream.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the real benchmark files are ({@code <repo>/../shared/datasets}), when this machine has them. */
final class RealDatasets {

    static final Path DIR = Path.of(System.getProperty("evalstream.home", "."), "..", "shared", "datasets")
            .toAbsolutePath().normalize();

    private RealDatasets() {
    }

    static Optional<Path> dir(String check) {
        if (Files.isDirectory(DIR)) {
            return Optional.of(DIR);
        }
        System.err.println("""

                !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
                !!! NOT CHECKED: %s
                !!! The real datasets are not at %s (set -Devalstream.home to the repository
                !!! root with ../shared/datasets beside it); only the built-in samples were checked.
                !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
                """.formatted(check, DIR));
        return Optional.empty();
    }
}
