package io.evalstream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The domain core stays free of frameworks, so it can be tested and reused without them. */
@Timeout(10)
class CorePurityTest {

    private static final List<String> FORBIDDEN = List.of("import io.quarkus", "import org.apache.kafka",
            "import com.fasterxml.jackson", "import jakarta.", "import io.smallrye", "import io.micrometer");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"run"})
    void corePackagesImportNoFramework(String corePackage) throws IOException {
        Path dir = Path.of("src/main/java/io/evalstream/producer", corePackage);
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }

        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            assertThat(Files.readAllLines(source))
                    .as(source.toString())
                    .noneMatch(line -> FORBIDDEN.stream().anyMatch(line::startsWith));
        }
    }
}
