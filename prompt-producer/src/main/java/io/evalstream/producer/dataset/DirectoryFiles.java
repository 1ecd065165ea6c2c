package io.evalstream.producer.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Dataset files in a directory on disk, e.g. {@code ../shared/datasets}. */
public final class DirectoryFiles implements DatasetFiles {

    private final Path root;

    public DirectoryFiles(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException("datasets directory " + root.toAbsolutePath()
                    + " does not exist; set evalstream.producer.datasets-dir to a directory laid out like"
                    + " ../shared/datasets, or leave it unset to use the built-in samples");
        }
        this.root = root;
    }

    @Override
    public String read(String path) {
        try {
            return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + root.resolve(path) + ": " + e, e);
        }
    }

    @Override
    public List<String> list(String directory) {
        Path dir = root.resolve(directory);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> directory + "/" + file.getFileName())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + dir + ": " + e, e);
        }
    }

    @Override
    public String describe() {
        return root.toAbsolutePath().normalize().toString();
    }
}
