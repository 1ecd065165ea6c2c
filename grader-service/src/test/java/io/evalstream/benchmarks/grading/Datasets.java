package io.evalstream.benchmarks.grading;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The real benchmark files the fidelity tests read: never copied into the repository, read where they lie. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * {@code <evalstream.home>/../shared/datasets/<relative>}, or empty after a loud line on stderr saying that
     * {@code check} did not run against the real data.
     */
    static Optional<Path> file(String relative, String check) {
        String home = System.getProperty("evalstream.home");
        Path path = Path.of(home == null ? "." : home, "..", "shared", "datasets", relative).normalize();
        if (home != null && Files.exists(path)) {
            return Optional.of(path);
        }
        requireShared(check + " fidelity", path);
        System.err.println("!!! " + check + " fidelity NOT checked: " + path + " missing"
                + (home == null ? " (system property evalstream.home is not set)" : "")
                + "; only the built-in cases ran");
        return Optional.empty();
    }

    /**
     * Fails when {@code EVALSTREAM_REQUIRE_SHARED} is set ({@code ./run test} sets it when {@code ../shared} is beside
     * the repository, as in CI): there a missing file is a broken checkout, not a reason to check less.
     */
    public static void requireShared(String check, Path missing) {
        if (System.getenv("EVALSTREAM_REQUIRE_SHARED") != null) {
            throw new AssertionError(check + " needs " + missing + ", which is missing although"
                    + " EVALSTREAM_REQUIRE_SHARED is set: the test fails rather than run on built-in samples only");
        }
    }
}
