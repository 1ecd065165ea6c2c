package io.evalstream.contracts;

import java.util.List;

/**
 * The settings a run spec (or one of its benchmarks) sets; every field left null keeps the value beneath it.
 * Effective settings are the benchmark's declared settings, overridden by the spec's, overridden by the
 * benchmark selection's; they are recorded in full on every task and in the run manifest.
 */
public record SettingsOverrides(Integer shots, Boolean chainOfThought, Double temperature, Double topP,
        Integer maxTokens, Long seed, List<String> stop) {

    public static final SettingsOverrides NONE = new SettingsOverrides(null, null, null, null, null, null, null);

    public SettingsOverrides {
        // Validated eagerly, so a bad value is rejected with the field's name before any benchmark is looked at.
        Settings base = Settings.defaults();
        new Settings(shots == null ? base.shots() : shots, false,
                temperature == null ? base.temperature() : temperature, topP == null ? base.topP() : topP,
                maxTokens == null ? base.maxTokens() : maxTokens, 0L, stop);
        stop = stop == null ? null : List.copyOf(stop);
    }

    /** {@code base} with every field this sets replaced. */
    public Settings applyTo(Settings base) {
        return new Settings(shots == null ? base.shots() : shots,
                chainOfThought == null ? base.chainOfThought() : chainOfThought,
                temperature == null ? base.temperature() : temperature, topP == null ? base.topP() : topP,
                maxTokens == null ? base.maxTokens() : maxTokens, seed == null ? base.seed() : seed,
                stop == null ? base.stop() : stop);
    }

    /** Overrides that set everything {@code settings} holds. */
    public static SettingsOverrides of(Settings settings) {
        return new SettingsOverrides(settings.shots(), settings.chainOfThought(), settings.temperature(),
                settings.topP(), settings.maxTokens(), settings.seed(), settings.stop());
    }
}
