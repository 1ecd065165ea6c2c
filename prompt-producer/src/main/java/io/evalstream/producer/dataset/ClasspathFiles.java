package io.evalstream.producer.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The sample datasets shipped in the jar under {@code datasets/}. A class path cannot be listed, so
 * {@code datasets/index.txt} names every file, one root-relative path per line ('#' starts a comment line).
 */
public final class ClasspathFiles implements DatasetFiles {

    private static final String ROOT = "datasets/";

    private final ClassLoader loader;
    private final List<String> index;

    public ClasspathFiles(ClassLoader loader) {
        this.loader = loader;
        this.index = read("index.txt").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).sorted().toList();
    }

    @Override
    public String read(String path) {
        try (InputStream in = loader.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new DatasetException("built-in dataset file " + ROOT + path + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException("cannot read built-in dataset file " + ROOT + path + ": " + e, e);
        }
    }

    @Override
    public List<String> list(String directory) {
        String prefix = directory + "/";
        return index.stream()
                .filter(path -> path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0)
                .toList();
    }

    @Override
    public String describe() {
        return "built-in samples (classpath:" + ROOT + ")";
    }
}
