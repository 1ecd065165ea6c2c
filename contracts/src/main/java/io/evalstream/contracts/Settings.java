package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Evaluation settings that must be aligned across models for their scores to be comparable
 * (the GPT-Fathom bar). Recorded on every task; omitted fields take the documented defaults, so
 * what a task records is always explicit.
 *
 * @param shots          few-shot exemplars in the prompt (0 = zero-shot)
 * @param chainOfThought whether the prompt asks the model to reason step by step
 * @param temperature    sampling temperature, 0 = greedy
 * @param topP           nucleus sampling mass in (0, 1]
 * @param maxTokens      completion length cap
 * @param seed           sampling seed passed to the backend
 * @param stop           stop sequences
 */
public record Settings(int shots, boolean chainOfThought, double temperature, double topP, int maxTokens, long seed,
        List<String> stop) {

    public static final int MAX_SHOTS = 25;

    public Settings {
        Require.between(shots, 0, MAX_SHOTS, "settings.shots");
        Require.between(temperature, 0.0, 2.0, "settings.temperature");
        if (!(topP > 0.0 && topP <= 1.0)) {
            throw new InvalidRecordException("field 'settings.topP' must be in (0, 1], got " + topP);
        }
        Require.atLeast(maxTokens, 1, "settings.maxTokens");
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** Zero-shot, no chain-of-thought, greedy, 256 tokens, seed 0, no stop sequences. */
    public static Settings defaults() {
        return of(null, null, null, null, null, null, null);
    }

    @JsonCreator
    public static Settings of(@JsonProperty("shots") Integer shots,
            @JsonProperty("chainOfThought") Boolean chainOfThought,
            @JsonProperty("temperature") Double temperature,
            @JsonProperty("topP") Double topP,
            @JsonProperty("maxTokens") Integer maxTokens,
            @JsonProperty("seed") Long seed,
            @JsonProperty("stop") List<String> stop) {
        return new Settings(shots == null ? 0 : shots, chainOfThought != null && chainOfThought,
                temperature == null ? 0.0 : temperature, topP == null ? 1.0 : topP,
                maxTokens == null ? 256 : maxTokens, seed == null ? 0L : seed, stop);
    }

    public Settings withShots(int newShots) {
        return new Settings(newShots, chainOfThought, temperature, topP, maxTokens, seed, stop);
    }
}
