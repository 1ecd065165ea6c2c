package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a user asks to evaluate: every listed model on every listed benchmark, with the same settings for every
 * model (so their scores are comparable), {@code samplesPerItem} samples each (n for pass@k).
 * {@code settings} overrides the benchmarks' declared settings field by field.
 * Submitting the same spec twice publishes the same task ids, so nothing is counted twice.
 *
 * @param modelInfo what is known about some of the models (family, parameters, training compute), by model id,
 *                  for scaling analyses; every key is one of {@code models}. Empty when nothing is known, and then
 *                  left out of the JSON, so specs written before it read and write as they did.
 * @param stop      opt-in early stopping of one comparison of two of the run's models; null (and left out of the
 *                  JSON) for none
 * @param budget    the most the run may spend on model calls; null (and left out of the JSON) for no limit
 */
public record RunSpec(String runId, List<String> models, List<BenchmarkSelection> benchmarks,
        SettingsOverrides settings, int samplesPerItem,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, ModelInfo> modelInfo,
        @JsonInclude(JsonInclude.Include.NON_NULL) StopRule stop,
        @JsonInclude(JsonInclude.Include.NON_NULL) Budget budget) {

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
        modelInfo = checkedModelInfo(modelInfo, models);
        if (stop != null) {
            for (String model : stop.compare()) {
                if (!models.contains(model)) {
                    throw new InvalidRecordException("field 'stop.compare' names model '" + model + "', which is not"
                            + " listed in 'models' " + models + "; compare two of the run's models");
                }
            }
        }
        if (budget != null) {
            for (String model : budget.perModel().keySet()) {
                if (!models.contains(model)) {
                    throw new InvalidRecordException("field 'budget.perModel' names model '" + model + "', which is"
                            + " not listed in 'models' " + models + "; limit the run's own models");
                }
            }
        }
    }

    /** A spec with no model metadata, early stopping or budget; add them with the {@code with} methods. */
    public RunSpec(String runId, List<String> models, List<BenchmarkSelection> benchmarks, SettingsOverrides settings,
            int samplesPerItem) {
        this(runId, models, benchmarks, settings, samplesPerItem, Map.of(), null, null);
    }

    /**
     * The JSON form: {@code settings}, {@code samplesPerItem}, {@code modelInfo}, {@code stop} and {@code budget}
     * may be left out.
     */
    @JsonCreator
    public static RunSpec of(@JsonProperty("runId") String runId, @JsonProperty("models") List<String> models,
            @JsonProperty("benchmarks") List<BenchmarkSelection> benchmarks, @JsonProperty("settings") SettingsOverrides settings,
            @JsonProperty("samplesPerItem") Integer samplesPerItem,
            @JsonProperty("modelInfo") Map<String, ModelInfo> modelInfo, @JsonProperty("stop") StopRule stop,
            @JsonProperty("budget") Budget budget) {
        return new RunSpec(runId, models, benchmarks, settings, samplesPerItem == null ? 1 : samplesPerItem, modelInfo,
                stop, budget);
    }

    /** This spec describing its models with {@code modelInfo} (null or empty for nothing known). */
    public RunSpec withModelInfo(Map<String, ModelInfo> modelInfo) {
        return new RunSpec(runId, models, benchmarks, settings, samplesPerItem, modelInfo, stop, budget);
    }

    /** This spec stopping early by {@code stop} (null for never). */
    public RunSpec withStop(StopRule stop) {
        return new RunSpec(runId, models, benchmarks, settings, samplesPerItem, modelInfo, stop, budget);
    }

    /** This spec spending at most {@code budget} (null for no limit). */
    public RunSpec withBudget(Budget budget) {
        return new RunSpec(runId, models, benchmarks, settings, samplesPerItem, modelInfo, stop, budget);
    }

    /** Sorted by model id, so the JSON form is stable. */
    private static Map<String, ModelInfo> checkedModelInfo(Map<String, ModelInfo> modelInfo, List<String> models) {
        if (modelInfo == null || modelInfo.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, ModelInfo> sorted = new TreeMap<>();
        modelInfo.forEach((model, info) -> {
            if (model == null || !models.contains(model)) {
                throw new InvalidRecordException("field 'modelInfo' describes model '" + model + "', which is not"
                        + " listed in 'models' " + models + "; add it to 'models' or remove its 'modelInfo' entry");
            }
            sorted.put(model, Require.present(info, "modelInfo." + model));
        });
        return Collections.unmodifiableSortedMap(sorted);
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
