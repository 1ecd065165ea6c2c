package io.evalstream.benchmarks.data;

import io.evalstream.benchmarks.BenchmarkException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Data files in a directory on disk, e.g. {@code ../shared/datasets}. Symbolic links are followed everywhere (the
 * root, the folders under it, the files): a datasets tree assembled from links loads like a real one.
 */
public final class DirectoryRoot implements DataRoot {

    private static final int MAX_LISTED = 12;

    private final Path root;

    /** @param label what the directory is ("the datasets directory"), for the error when it does not exist */
    public DirectoryRoot(Path root, String label) {
        if (!Files.isDirectory(root)) {
            throw new BenchmarkException(label + " is " + root.toAbsolutePath().normalize()
                    + ", which is not a directory; point it at an existing directory or leave it unset");
        }
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public List<String> find(String glob) {
        if (!Globs.isGlob(glob)) {
            return Files.isRegularFile(root.resolve(glob)) ? List.of(glob) : List.of();
        }
        Path start = root.resolve(Globs.fixedPrefix(glob));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        PathMatcher matcher = Globs.matcher(glob);
        try (Stream<Path> files = Files.walk(start, FileVisitOption.FOLLOW_LINKS)) {
            return files.filter(Files::isRegularFile).map(this::relative)
                    .filter(relative -> Globs.matches(matcher, relative)).sorted().collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new BenchmarkException("cannot list " + start + " to find '" + glob + "': " + e, e);
        }
    }

    @Override
    public String explainMiss(String glob) {
        Path folder = root.resolve(Globs.isGlob(glob) ? Globs.fixedPrefix(glob) : parentOf(glob));
        if (!Files.isDirectory(folder)) {
            return "'" + glob + "' matches no file: the folder " + folder + " does not exist";
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<String> names = entries.map(entry -> entry.getFileName() + (Files.isDirectory(entry) ? "/" : ""))
                    .sorted().toList();
            return "'" + glob + "' matches no file in " + folder + ", which holds " + (names.isEmpty() ? "nothing"
                    : names.size() <= MAX_LISTED ? String.join(", ", names)
                    : String.join(", ", names.subList(0, MAX_LISTED)) + " and " + (names.size() - MAX_LISTED) + " more");
        } catch (IOException e) {
            return "'" + glob + "' matches no file in " + folder + ", which cannot be listed: " + e.getMessage();
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    @Override
    public byte[] read(String path) {
        try {
            return Files.readAllBytes(root.resolve(path));
        } catch (IOException e) {
            throw new BenchmarkException("cannot read " + root.resolve(path) + ": " + e, e);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private String relative(Path file) {
        return StreamSupport.stream(root.relativize(file).spliterator(), false).map(Path::toString)
                .collect(Collectors.joining("/"));
    }
}
