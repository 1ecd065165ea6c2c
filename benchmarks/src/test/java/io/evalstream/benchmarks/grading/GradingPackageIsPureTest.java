package io.evalstream.benchmarks.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The grading core depends on the contracts and the JDK only: no Kafka, Quarkus, Jackson or JAX-RS. */
@Timeout(30)
class GradingPackageIsPureTest {

    private static final Path SOURCES = Path.of("src/main/java/io/evalstream/benchmarks/grading");
    private static final List<String> FORBIDDEN = List.of("import org.apache.kafka", "import io.quarkus",
            "import io.smallrye", "import com.fasterxml", "import jakarta", "import org.eclipse.microprofile",
            "import io.micrometer", "import org.jboss");

    @Test
    void importsNothingFromTheFrameworks() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(5);
        for (Path source : sources) {
            assertThat(Files.readAllLines(source))
                    .as(source.getFileName().toString())
                    .noneMatch(line -> FORBIDDEN.stream().anyMatch(line::startsWith));
        }
    }

    @Test
    void foldsCaseOnlyWithAnExplicitLocale() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path source : files.toList()) {
                assertThat(Files.readString(source)).as(source.getFileName().toString())
                        .doesNotContain("toLowerCase()").doesNotContain("toUpperCase()");
            }
        }
    }
}
