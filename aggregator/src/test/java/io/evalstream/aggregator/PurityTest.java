package io.evalstream.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scoring core and the analyses stay pure functions: no Kafka, Quarkus, Jackson or JAX-RS, so they are tested
 * in milliseconds and read without a framework in mind.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PurityTest {

    private static final List<String> FORBIDDEN = List.of("import org.apache.kafka", "import io.quarkus",
            "import com.fasterxml", "import jakarta", "import io.micrometer", "import io.smallrye");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"scoring", "analysis"})
    void thePackageImportsNoFrameworks(String pkg) throws IOException {
        Path dir = Path.of("src/main/java/io/evalstream/aggregator", pkg);
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

    /**
     * The topology's nodes run again when an exactly-once transaction aborts: they may change their stores and
     * forward records, nothing else (no meters, no state shared between threads; see AbortedTransactionTest).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ScoreTopology", "GradeReader", "ManifestUpdater", "ScoreSnapshotter"})
    void theTopologysNodesTouchNoMetersAndNoSharedState(String node) throws IOException {
        String text = Files.readString(Path.of("src/main/java/io/evalstream/aggregator/streams", node + ".java"));

        assertThat(List.of("import io.micrometer", "import java.util.concurrent", "MeterRegistry", "static Map",
                "volatile")).noneMatch(text::contains);
    }
}
