package io.evalstream.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library stays free of frameworks so the aggregator and evalctl can both use it and its tests run in
 * milliseconds: the scoring core and the analyses are pure functions (no Jackson either); rendering and the export
 * line may use Jackson for CSV and JSON, never Kafka, Quarkus or JAX-RS. (The enforcer in reports/pom.xml bans the
 * same frameworks as dependencies.)
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PurityTest {

    private static final List<String> FRAMEWORKS = List.of("import org.apache.kafka", "import io.quarkus",
            "import jakarta", "import io.micrometer", "import io.smallrye");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"scoring, true, 30", "analysis, true, 15", "render, false, 5", "export, false, 1"})
    void thePackageImportsNoFrameworks(String pkg, boolean noJackson, int atLeast) throws IOException {
        Path dir = Path.of("src/main/java/io/evalstream/reports", pkg);
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(atLeast);
        for (Path source : sources) {
            String text = Files.readString(source);
            assertThat(FRAMEWORKS).as(source.getFileName().toString()).noneMatch(text::contains);
            if (noJackson) {
                assertThat(text).as(source.getFileName().toString()).doesNotContain("import com.fasterxml");
            }
        }
    }
}
