package io.evalstream.reports.analysis;

import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.TaskSample;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The latest samples of some models of one run, by model, benchmark and {@link PairKey}, and the ids of every model
 * of the run that has a grade (to say which there are when one asked for has none). Samples the evaluation failed
 * ({@link GradedSample#unscored()}) are left out, so a comparison pairs only items both models were really asked.
 * Read-only once collected.
 */
public final class ModelSamples {

    private final Map<String, Map<String, Map<PairKey, GradedSample>>> byModel;
    private final Set<String> modelsGraded;

    private ModelSamples(Map<String, Map<String, Map<PairKey, GradedSample>>> byModel, Set<String> modelsGraded) {
        this.byModel = byModel;
        this.modelsGraded = Collections.unmodifiableSet(modelsGraded);
    }

    /** Keeps the samples of {@code models} only: memory is one entry per task of those models. */
    public static ModelSamples collect(Iterable<TaskSample> samples, Set<String> models) {
        Map<String, Map<String, Map<PairKey, GradedSample>>> byModel = new HashMap<>();
        Set<String> graded = new TreeSet<>();
        for (TaskSample sample : samples) {
            String model = sample.task().modelId();
            graded.add(model);
            if (models.contains(model) && !sample.sample().unscored()) {
                byModel.computeIfAbsent(model, m -> new HashMap<>())
                        .computeIfAbsent(sample.task().benchmarkId(), b -> new HashMap<>())
                        .put(PairKey.of(sample.task()), sample.sample());
            }
        }
        return new ModelSamples(byModel, graded);
    }

    /** The samples of {@code model} by benchmark; empty when it has none. */
    public Map<String, Map<PairKey, GradedSample>> of(String model) {
        return Collections.unmodifiableMap(byModel.getOrDefault(model, Map.of()));
    }

    /** Every model of the run with a grade, sorted. */
    public Set<String> modelsGraded() {
        return modelsGraded;
    }
}
