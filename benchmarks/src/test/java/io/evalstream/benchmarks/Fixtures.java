package io.evalstream.benchmarks;

import io.evalstream.benchmarks.data.DirectoryRoot;
import io.evalstream.contracts.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Data files in a temporary directory and definitions loaded on it, as a user would write them. */
final class Fixtures {

    private Fixtures() {
    }

    /** Writes {@code text} to {@code dir/path}, gzipped when the path ends in .gz. */
    static void write(Path dir, String path, String text) {
        Path file = dir.resolve(path);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = path.endsWith(".gz")
                    ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} to {@code dir/path} as is, whatever its name. */
    static void writePlain(Path dir, String path, String text) {
        try {
            Files.createDirectories(dir.resolve(path).getParent());
            Files.writeString(dir.resolve(path), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a definition on {@code dir} as the only data root, as startup would. */
    static Benchmark load(Path dir, String yaml) {
        return CatalogLoader.load("test.yaml", yaml, List.of(new DirectoryRoot(dir, "the test directory")));
    }

    /** A definition whose source, reference and templates are given; everything else minimal. */
    static String definition(String source, String rest) {
        return """
                id: test
                description: A test benchmark.
                category: knowledge
                extraction: answer_line
                source:
                %s
                %s
                """.formatted(source.indent(2).stripTrailing(), rest);
    }

    static Settings settings(int shots, boolean cot) {
        return Settings.of(shots, cot, null, null, null, null, null);
    }

    static String render(Benchmark benchmark, String variant, int shots, boolean cot, int item) {
        return benchmark.prompter(variant, settings(shots, cot)).render(benchmark.items().get(item));
    }
}
