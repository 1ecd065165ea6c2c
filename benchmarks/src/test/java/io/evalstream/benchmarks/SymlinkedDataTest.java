package io.evalstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Datasets and benchmark directories assembled from symbolic links load like real ones (issue 15: a glob under a
 * symlinked folder found nothing, and the error blamed the data root).
 */
@Timeout(30)
class SymlinkedDataTest {

    private static final String CAPITALS = """
            id: capitals
            description: Capital cities.
            category: knowledge
            source: {path: capitals/*.tsv}
            reference: capital
            extraction: answer_line
            metric: alias_match
            variants: {default: {question: "What is the capital of {{country}}?"}}
            """;

    /** Where the link sits in the datasets tree. */
    enum Link {
        /** The datasets root itself is a link to the real tree. */
        ROOT,
        /** The benchmark's folder under a real root is a link. */
        FOLDER,
        /** The folder is real; each data file in it is a link. */
        FILES
    }

    @TempDir
    Path scratch;

    @ParameterizedTest
    @EnumSource(Link.class)
    void aSymlinkedDatasetsTreeLoadsLikeARealOne(Link link) throws IOException {
        Path real = scratch.resolve("real");
        Fixtures.write(real, "capitals/europe.tsv", "country\tcapital\nPeru\tLima\n");
        Fixtures.write(real, "capitals/africa.tsv", "country\tcapital\nKenya\tNairobi\n");
        Path datasets = linkedTree(link, real);
        Path benchmarks = Files.createDirectories(scratch.resolve("definitions-real"));
        Fixtures.write(benchmarks, "capitals.yaml", CAPITALS);
        Path linkedBenchmarks = Files.createSymbolicLink(scratch.resolve("definitions"), benchmarks);

        Catalog catalog = CatalogLoader.load(new CatalogConfig(Optional.of(datasets), Optional.of(linkedBenchmarks)));

        Benchmark capitals = catalog.find("capitals").orElseThrow();
        assertThat(capitals.source()).isEqualTo(datasets.toAbsolutePath().normalize().toString());
        assertThat(capitals.items()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Link.class)
    void aGlobMatchingNothingNamesTheFolderSearchedAndWhatItHolds(Link link) throws IOException {
        Path real = scratch.resolve("real");
        Fixtures.write(real, "capitals/europe.csv", "country,capital\nPeru,Lima\n");
        Path datasets = linkedTree(link, real);
        Path benchmarks = scratch.resolve("definitions");
        Fixtures.write(benchmarks, "capitals.yaml", CAPITALS);

        assertThatThrownBy(() -> CatalogLoader.load(new CatalogConfig(Optional.of(datasets), Optional.of(benchmarks))))
                .isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("'capitals/*.tsv' matches no file in "
                        + datasets.toAbsolutePath().normalize().resolve("capitals") + ", which holds europe.csv");
    }

    private Path linkedTree(Link link, Path real) throws IOException {
        return switch (link) {
            case ROOT -> Files.createSymbolicLink(scratch.resolve("datasets"), real);
            case FOLDER -> {
                Path root = Files.createDirectories(scratch.resolve("datasets"));
                Files.createSymbolicLink(root.resolve("capitals"), real.resolve("capitals"));
                yield root;
            }
            case FILES -> {
                Path folder = Files.createDirectories(scratch.resolve("datasets/capitals"));
                try (var files = Files.list(real.resolve("capitals"))) {
                    for (Path file : files.toList()) {
                        Files.createSymbolicLink(folder.resolve(file.getFileName()), file);
                    }
                }
                yield folder.getParent();
            }
        };
    }
}
