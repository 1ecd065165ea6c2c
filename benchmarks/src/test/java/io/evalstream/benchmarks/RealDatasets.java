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
        // ./run test sets this when ../shared is beside the repository, as in CI: there a missing directory is a
        // broken checkout, not a reason to check less.
        if (System.getenv("EVALSTREAM_REQUIRE_SHARED") != null) {
            throw new AssertionError(check + " needs " + DIR + ", which is missing although"
                    + " EVALSTREAM_REQUIRE_SHARED is set: the test fails rather than run on built-in samples only");
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
