package io.evalstream.sandbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds host tools. The sandbox's own commands are always run by absolute path. */
final class Executables {

    private Executables() {
    }

    /** The executable {@code name} in /usr/bin or /bin, else the first on PATH: the distribution's copy wins. */
    static Optional<Path> find(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : ("/usr/bin" + File.pathSeparator + "/bin" + File.pathSeparator + path).split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }

    static Path require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(
                name + " not found in /usr/bin, /bin or on PATH (setpriv and prlimit come with Debian's util-linux)"));
    }
}
