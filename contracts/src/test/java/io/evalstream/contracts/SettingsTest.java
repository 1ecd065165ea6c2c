package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SettingsTest {

    @Test
    void omittedFieldsTakeTheDocumentedDefaults() {
        Settings settings = ((Decoded.Valid<Settings>) WireFormat.of(Settings.class)
                .decode("{}".getBytes(StandardCharsets.UTF_8))).value();
        assertThat(settings).isEqualTo(new Settings(0, false, 0.0, 1.0, 256, 0L, List.of()));
        assertThat(settings).isEqualTo(Settings.defaults());
    }

    @Test
    void theHashIsStableAndChangesWithEverySettingThatMatters() {
        Settings base = Settings.defaults();
        String hash = SettingsHash.of(base, Extraction.NUMERIC, "default");
        assertThat(hash).hasSize(16).isEqualTo(SettingsHash.of(Settings.defaults(), Extraction.NUMERIC, "default"));
        assertThat(List.of(
                SettingsHash.of(base.withShots(5), Extraction.NUMERIC, "default"),
                SettingsHash.of(Settings.of(null, true, null, null, null, null, null), Extraction.NUMERIC, "default"),
                SettingsHash.of(Settings.of(null, null, 0.7, null, null, null, null), Extraction.NUMERIC, "default"),
                SettingsHash.of(Settings.of(null, null, null, null, null, null, List.of("\n")), Extraction.NUMERIC, "default"),
                SettingsHash.of(base, Extraction.MULTIPLE_CHOICE, "default"),
                SettingsHash.of(base, Extraction.NUMERIC, "terse"))).doesNotContain(hash).doesNotHaveDuplicates();
    }

    @Test
    void aRunSpecListingAModelTwiceIsRejected() {
        assertThatThrownBy(() -> new RunSpec("r", List.of("m", "m"), List.of(new BenchmarkSelection("gsm8k", null)),
                null, 1)).hasMessageContaining("field 'models' lists 'm' twice");
    }

    @Test
    void aRunSpecInJsonWithoutSettingsOrSamplesPerItemTakesTheDefaults() {
        Decoded<RunSpec> decoded = WireFormat.of(RunSpec.class).decode(
                "{\"runId\":\"r\",\"models\":[\"m_1\"],\"benchmarks\":[{\"id\":\"gsm8k\"}]}".getBytes(StandardCharsets.UTF_8));
        assertThat(decoded).isEqualTo(new Decoded.Valid<>(new RunSpec("r", List.of("m_1"),
                List.of(new BenchmarkSelection("gsm8k", null)), Settings.defaults(), 1)));
    }

    @Test
    void aRunSpecWithoutSamplesPerItemTakesOneSample() {
        assertThat(new RunSpec("r", List.of("m"), List.of(new BenchmarkSelection("gsm8k", null)), null, 0)
                .samplesPerItem()).isEqualTo(1);
    }
}
