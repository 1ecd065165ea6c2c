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
        String hash = hash(base, Extraction.NUMERIC, Metric.NUMERIC_EQUAL, "default", "t1");
        assertThat(hash).hasSize(16)
                .isEqualTo(hash(Settings.defaults(), Extraction.NUMERIC, Metric.NUMERIC_EQUAL, "default", "t1"));
        assertThat(List.of(
                hash(base.withShots(5), Extraction.NUMERIC, Metric.NUMERIC_EQUAL, "default", "t1"),
                hash(Settings.of(null, true, null, null, null, null, null), Extraction.NUMERIC, Metric.NUMERIC_EQUAL,
                        "default", "t1"),
                hash(Settings.of(null, null, 0.7, null, null, null, null), Extraction.NUMERIC, Metric.NUMERIC_EQUAL,
                        "default", "t1"),
                hash(Settings.of(null, null, null, null, null, null, List.of("\n")), Extraction.NUMERIC,
                        Metric.NUMERIC_EQUAL, "default", "t1"),
                hash(base, Extraction.MULTIPLE_CHOICE, Metric.NUMERIC_EQUAL, "default", "t1"),
                hash(base, Extraction.NUMERIC, Metric.EXACT_MATCH, "default", "t1"),
                hash(base, Extraction.NUMERIC, Metric.NUMERIC_EQUAL, "terse", "t1"),
                hash(base, Extraction.NUMERIC, Metric.NUMERIC_EQUAL, "default", "t2")))
                .doesNotContain(hash).doesNotHaveDuplicates();
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
                List.of(new BenchmarkSelection("gsm8k", null)), SettingsOverrides.NONE, 1)));
    }

    @Test
    void aRunSpecWithoutSamplesPerItemTakesOneSample() {
        assertThat(new RunSpec("r", List.of("m"), List.of(new BenchmarkSelection("gsm8k", null)), null, 0)
                .samplesPerItem()).isEqualTo(1);
    }

    @Test
    void overridesReplaceOnlyTheFieldsTheySet() {
        Settings declared = Settings.of(8, true, null, null, 512, null, List.of("Question:"));
        Settings effective = new SettingsOverrides(null, null, 0.8, null, null, 7L, null).applyTo(declared);
        assertThat(effective).isEqualTo(new Settings(8, true, 0.8, 1.0, 512, 7L, List.of("Question:")));
        assertThat(SettingsOverrides.NONE.applyTo(declared)).isEqualTo(declared);
        assertThat(SettingsOverrides.of(declared).applyTo(Settings.defaults())).isEqualTo(declared);
    }

    @Test
    void anOverrideOutOfRangeIsRejectedNamingTheField() {
        assertThatThrownBy(() -> new SettingsOverrides(null, null, 3.0, null, null, null, null))
                .hasMessageContaining("settings.temperature");
        assertThatThrownBy(() -> new SettingsOverrides(99, null, null, null, null, null, null))
                .hasMessageContaining("settings.shots");
    }

    private static String hash(Settings settings, Extraction extraction, Metric metric, String variant, String t) {
        return SettingsHash.of(settings, extraction, metric, variant, t);
    }
}
