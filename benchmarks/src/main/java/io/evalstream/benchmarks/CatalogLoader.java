package io.evalstream.benchmarks;

import io.evalstream.benchmarks.data.ClasspathRoot;
import io.evalstream.benchmarks.data.DataRoot;
import io.evalstream.benchmarks.data.DirectoryRoot;
import io.evalstream.benchmarks.definition.BenchmarkDefinition;
import io.evalstream.benchmarks.definition.DefinitionReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads the catalog: the built-in definitions in the jar ({@code benchmarks/*.yaml}), then the user's definitions
 * (a user definition with a built-in's id replaces it), each on the first data root that holds all its files:
 * the datasets directory, the benchmarks directory, the built-in samples. Every problem of every definition is
 * reported at once.
 */
public final class CatalogLoader {

    /** Resource directory of the built-in definitions; its {@code index.txt} lists them. */
    public static final String DEFINITIONS = "benchmarks/";

    private CatalogLoader() {
    }

    /** An id, the definition and the file it came from. */
    private record Declared(String origin, BenchmarkDefinition definition) {
    }

    /** @throws BenchmarkException listing every definition that cannot be loaded and why */
    public static Catalog load(CatalogConfig config) {
        ClassLoader loader = CatalogLoader.class.getClassLoader();
        List<DataRoot> roots = new ArrayList<>();
        config.datasetsDir().ifPresent(dir -> roots.add(new DirectoryRoot(dir, "the datasets directory")));
        config.benchmarksDir().ifPresent(dir -> roots.add(new DirectoryRoot(dir, "the benchmarks directory")));
        roots.add(new ClasspathRoot(loader, ClasspathRoot.SAMPLES, "built-in samples"));

        List<String> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Declared> definitions = declared(config.benchmarksDir(), errors, notes);

        List<Benchmark> benchmarks = new ArrayList<>();
        for (Declared declared : definitions.values()) {
            try {
                benchmarks.add(BenchmarkLoader.load(declared.definition(), declared.origin(), roots, notes::add));
            } catch (BenchmarkException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new BenchmarkException(errors.size() + " benchmark definition problem(s):\n- "
                    + String.join("\n- ", errors));
        }
        return new Catalog(benchmarks, notes);
    }

    /**
     * The definitions alone, by id, as {@link #load} reads them (built-ins, then the user's, which replace a built-in
     * of the same id), without reading any data: what the grader needs to grade again by the current definitions.
     *
     * @throws BenchmarkException listing every definition that cannot be read and why
     */
    public static Map<String, BenchmarkDefinition> definitions(Optional<Path> benchmarksDir) {
        List<String> errors = new ArrayList<>();
        Map<String, Declared> declared = declared(benchmarksDir, errors, new ArrayList<>());
        if (!errors.isEmpty()) {
            throw new BenchmarkException(errors.size() + " benchmark definition problem(s):\n- "
                    + String.join("\n- ", errors));
        }
        Map<String, BenchmarkDefinition> definitions = new LinkedHashMap<>();
        declared.forEach((id, each) -> definitions.put(id, each.definition()));
        return Map.copyOf(definitions);
    }

    private static Map<String, Declared> declared(Optional<Path> benchmarksDir, List<String> errors,
            List<String> notes) {
        Map<String, Declared> definitions = new LinkedHashMap<>();
        ClasspathRoot builtIns = new ClasspathRoot(CatalogLoader.class.getClassLoader(), DEFINITIONS,
                "built-in definitions");
        for (String file : builtIns.files()) {
            declare(definitions, "classpath:" + DEFINITIONS + file, new String(builtIns.read(file),
                    StandardCharsets.UTF_8), errors, notes);
        }
        benchmarksDir.ifPresent(dir -> userFiles(dir).forEach(file -> declare(definitions,
                file.toAbsolutePath().normalize().toString(), read(file), errors, notes)));
        return definitions;
    }

    /** One definition from YAML text on the given data roots, checked as at startup: for tests and tools. */
    public static Benchmark load(String origin, String yaml, List<DataRoot> roots) {
        return BenchmarkLoader.load(DefinitionReader.read(origin, yaml), origin, roots, note -> { });
    }

    private static void declare(Map<String, Declared> definitions, String origin, String yaml, List<String> errors,
            List<String> notes) {
        BenchmarkDefinition definition;
        try {
            definition = DefinitionReader.read(origin, yaml);
        } catch (BenchmarkException e) {
            errors.add(e.getMessage());
            return;
        }
        Declared earlier = definitions.put(definition.id(), new Declared(origin, definition));
        if (earlier == null) {
            return;
        }
        if (earlier.origin().startsWith("classpath:") && !origin.startsWith("classpath:")) {
            notes.add(origin + " replaces the built-in benchmark '" + definition.id() + "' (" + earlier.origin() + ")");
        } else {
            errors.add(origin + ": id '" + definition.id() + "' is already defined by " + earlier.origin()
                    + "; give one of them another id");
        }
    }

    private static List<Path> userFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BenchmarkException("the benchmarks directory is " + dir.toAbsolutePath().normalize()
                    + ", which is not a directory; point it at a directory of *.yaml definitions or leave it unset");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new BenchmarkException("cannot list the benchmarks directory " + dir + ": " + e, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchmarkException(file + ": cannot read: " + e, e);
        }
    }
}
