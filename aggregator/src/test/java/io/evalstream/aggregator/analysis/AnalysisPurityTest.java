package io.evalstream.aggregator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The analyses stay pure functions: no Kafka, Quarkus, Jackson or JAX-RS. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AnalysisPurityTest {

    private static final List<String> FORBIDDEN = List.of("import org.apache.kafka", "import io.quarkus",
            "import com.fasterxml", "import jakarta", "import io.micrometer", "import io.smallrye");

    @Test
    void theAnalysisPackageImportsNoFrameworks() throws IOException {
        Path dir = Path.of("src/main/java/io/evalstream/aggregator/analysis");
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(5);
        for (Path source : sources) {
            String text = Files.readString(source);
            assertThat(FORBIDDEN).as(source.getFileName().toString()).noneMatch(text::contains);
        }
    }
}
