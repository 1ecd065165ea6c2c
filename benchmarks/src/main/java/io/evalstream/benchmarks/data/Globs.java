package io.evalstream.benchmarks.data;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/** Glob matching on root-relative paths, the same for directories and the jar's index. */
final class Globs {

    private Globs() {
    }

    static boolean isGlob(String path) {
        return path.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
    }

    static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    static boolean matches(PathMatcher matcher, String relative) {
        return matcher.matches(Path.of(relative));
    }

    /** The directories before the first segment with a wildcard: where a search for {@code glob} starts. */
    static String fixedPrefix(String glob) {
        String[] segments = glob.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < segments.length - 1 && !isGlob(segments[i]); i++) {
            prefix.append(prefix.isEmpty() ? "" : "/").append(segments[i]);
        }
        return prefix.toString();
    }
}
