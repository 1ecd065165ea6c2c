package io.evalstream.benchmarks.data;

import io.evalstream.benchmarks.BenchmarkException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Data files in a directory on disk, e.g. {@code ../shared/datasets}. */
public final class DirectoryRoot implements DataRoot {

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
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile).map(this::relative)
                    .filter(relative -> Globs.matches(matcher, relative)).sorted().collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new BenchmarkException("cannot list " + start + " to find '" + glob + "': " + e, e);
        }
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
