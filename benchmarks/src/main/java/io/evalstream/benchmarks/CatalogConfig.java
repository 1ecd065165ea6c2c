package io.evalstream.benchmarks;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a catalog comes from besides the built-ins.
 *
 * @param datasetsDir   data laid out like {@code ../shared/datasets}; searched first
 * @param benchmarksDir user definitions ({@code *.yaml}, {@code *.yml}); also searched for data, after the datasets
 *                      directory, so a definition can ship its data beside it
 */
public record CatalogConfig(Optional<Path> datasetsDir, Optional<Path> benchmarksDir) {

    /** Built-in definitions on the built-in samples only. */
    public static final CatalogConfig BUILT_IN = new CatalogConfig(Optional.empty(), Optional.empty());
}
