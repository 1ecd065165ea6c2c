package io.evalstream.benchmarks.data;

import io.evalstream.benchmarks.BenchmarkException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Files shipped in a jar under a resource directory. A class path cannot be listed, so {@code <directory>/index.txt}
 * names every file, one directory-relative path per line ('#' starts a comment line).
 */
public final class ClasspathRoot implements DataRoot {

    /** The built-in sample data files of this library. */
    public static final String SAMPLES = "datasets/";

    private final ClassLoader loader;
    private final String directory;
    private final String label;
    private final List<String> index;

    /**
     * @param directory resource directory ending in '/', e.g. {@value #SAMPLES}
     * @param label     what the files are, e.g. "built-in samples"
     */
    public ClasspathRoot(ClassLoader loader, String directory, String label) {
        this.loader = loader;
        this.directory = directory;
        this.label = label;
        this.index = new String(read("index.txt"), StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).sorted().toList();
    }

    /** The index: every file under the directory, sorted. */
    public List<String> files() {
        return index;
    }

    @Override
    public List<String> find(String glob) {
        if (!Globs.isGlob(glob)) {
            return index.contains(glob) ? List.of(glob) : List.of();
        }
        PathMatcher matcher = Globs.matcher(glob);
        return index.stream().filter(path -> Globs.matches(matcher, path)).toList();
    }

    @Override
    public byte[] read(String path) {
        try (InputStream in = loader.getResourceAsStream(directory + path)) {
            if (in == null) {
                throw new BenchmarkException("classpath:" + directory + path + " is missing from the jar although "
                        + directory + "index.txt lists it; this is a packaging bug");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BenchmarkException("cannot read classpath:" + directory + path + ": " + e, e);
        }
    }

    @Override
    public String describe() {
        return label + " (classpath:" + directory + ")";
    }
}
