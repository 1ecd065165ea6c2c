package io.evalstream.grader.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.grader.judging.MarkerKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class MarkerKeyProducerTest {

    @TempDir
    Path dir;

    @Test
    void readsTheKeyFileOnceSoTwoGradersWithTheSameFileWriteTheSameMarkers() throws IOException {
        Path file = Files.writeString(dir.resolve("marker-key"), "3f9c1a7e5b2d4f6a8c0e1b3d5f7a9c2e\n");

        MarkerKey first = new MarkerKeyProducer().markerKey(settings(Optional.of(file)));
        MarkerKey second = new MarkerKeyProducer().markerKey(settings(Optional.of(file)));

        assertThat(first.markersFor("rolled into the pond.")).isEqualTo(second.markersFor("rolled into the pond."));
    }

    @Test
    void drawsAKeyPerProcessWithoutAFile() {
        MarkerKey first = new MarkerKeyProducer().markerKey(settings(Optional.empty()));
        MarkerKey second = new MarkerKeyProducer().markerKey(settings(Optional.empty()));

        assertThat(first.markersFor("rolled into the pond.")).isNotEqualTo(second.markersFor("rolled into the pond."));
    }

    @Test
    void stopsTheGraderNamingTheSettingWhenTheFileIsMissingOrTooShort() throws IOException {
        Path missing = dir.resolve("missing");
        Path tooShort = Files.writeString(dir.resolve("short"), "  fifteen bytes \n");

        assertThatThrownBy(() -> new MarkerKeyProducer().markerKey(settings(Optional.of(missing))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read the marker key file evalstream.grader.judge.marker-key-file=");
        assertThatThrownBy(() -> new MarkerKeyProducer().markerKey(settings(Optional.of(tooShort))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 13 bytes; it needs at least 16");
    }

    private static JudgeSettings settings(Optional<Path> markerKeyFile) {
        return new JudgeSettings() {
            @Override
            public int threads() {
                return 1;
            }

            @Override
            public int maxTokens() {
                return 256;
            }

            @Override
            public Optional<Path> markerKeyFile() {
                return markerKeyFile;
            }
        };
    }
}
