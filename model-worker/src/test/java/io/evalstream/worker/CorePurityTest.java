package io.evalstream.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The domain core (backend interface, routing, simulator) stays free of Kafka, Quarkus, Jackson and JAX-RS. */
@Timeout(10)
class CorePurityTest {

    private static final Path SOURCES = Path.of("src/main/java/io/evalstream/worker");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import (static )?(org\\.apache\\.kafka|io\\.quarkus|io\\.smallrye|io\\.vertx|io\\.micrometer"
                    + "|com\\.fasterxml\\.jackson|jakarta\\.ws\\.rs|jakarta\\.enterprise|jakarta\\.inject)\\.",
            Pattern.MULTILINE);

    @ParameterizedTest
    @ValueSource(strings = {"backend", "sim", "gguf"})
    void corePackageImportsNoFrameworkOrWireLibrary(String corePackage) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES.resolve(corePackage))) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(FORBIDDEN.matcher(Files.readString(file)).results().map(m -> m.group()).toList())
                    .as("framework imports in %s", file).isEmpty();
        }
    }
}
