package io.evalstream.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The topology's nodes stay free of side effects (the scoring core's purity is checked in the reports module). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PurityTest {

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
