package io.evalstream.aggregator.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scoring core stays pure: no Kafka, Quarkus, Jackson or JAX-RS, so it is tested in milliseconds. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ScoringPurityTest {

    private static final List<String> FORBIDDEN = List.of("import org.apache.kafka", "import io.quarkus",
            "import com.fasterxml", "import jakarta", "import io.micrometer", "import io.smallrye");

    @Test
    void theScoringPackageImportsNoFrameworks() throws IOException {
        Path dir = Path.of("src/main/java/io/evalstream/aggregator/scoring");
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
