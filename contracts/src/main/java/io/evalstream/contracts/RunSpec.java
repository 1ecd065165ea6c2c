package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;

/**
 * What a user asks to evaluate: every listed model on every listed benchmark, with the same settings for every
 * model (so their scores are comparable), {@code samplesPerItem} samples each (n for pass@k).
 * {@code settings} overrides the benchmarks' declared settings field by field.
 * Submitting the same spec twice publishes the same task ids, so nothing is counted twice.
 */
public record RunSpec(String runId, List<String> models, List<BenchmarkSelection> benchmarks,
        SettingsOverrides settings, int samplesPerItem) {

    public static final int MAX_SAMPLES_PER_ITEM = 200;

    public RunSpec {
        Require.id(runId, "runId");
        models = Require.nonEmpty(models, "models");
        benchmarks = Require.nonEmpty(benchmarks, "benchmarks");
        for (int i = 0; i < models.size(); i++) {
            Require.id(models.get(i), "models[" + i + "]");
        }
        requireUnique(models, "models");
        requireUnique(benchmarks.stream().map(BenchmarkSelection::id).toList(), "benchmarks");
        settings = settings == null ? SettingsOverrides.NONE : settings;
        if (samplesPerItem == 0) {
            samplesPerItem = 1;
        }
        Require.between(samplesPerItem, 1, MAX_SAMPLES_PER_ITEM, "samplesPerItem");
    }

    /** The JSON form: {@code settings} and {@code samplesPerItem} may be left out. */
    @JsonCreator
    public static RunSpec of(@JsonProperty("runId") String runId, @JsonProperty("models") List<String> models,
            @JsonProperty("benchmarks") List<BenchmarkSelection> benchmarks, @JsonProperty("settings") SettingsOverrides settings,
            @JsonProperty("samplesPerItem") Integer samplesPerItem) {
        return new RunSpec(runId, models, benchmarks, settings, samplesPerItem == null ? 1 : samplesPerItem);
    }

    private static void requireUnique(List<String> ids, String field) {
        var seen = new HashSet<String>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new InvalidRecordException("field '" + field + "' lists '" + id + "' twice; list each once");
            }
        }
    }
}
