package io.evalstream.reports.scoring;

import io.evalstream.contracts.ScoreKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Judge label values counted per cell and label, from a run's latest samples. */
final class LabelRollup {

    /** Distinct values listed per label of a cell: a judge writing free text cannot flood the report. */
    static final int MAX_VALUES = 32;
    static final String OTHER = "(other)";

    private final Map<CellLabel, Map<String, Long>> counts = new HashMap<>();

    private record CellLabel(ScoreKey cell, String label) {
    }

    void add(GradedSample sample) {
        sample.detail().labelsOrEmpty().forEach((label, value) -> {
            Map<String, Long> values = counts.computeIfAbsent(new CellLabel(sample.cell(), label),
                    key -> new TreeMap<>());
            String counted = values.containsKey(value) || values.size() < MAX_VALUES ? value : OTHER;
            values.merge(counted, 1L, Long::sum);
        });
    }

    /** Sorted by model, benchmark, then label. */
    List<LabelCounts> counts() {
        List<LabelCounts> all = new ArrayList<>();
        counts.forEach((key, values) -> all.add(new LabelCounts(key.cell().modelId(), key.cell().benchmarkId(),
                key.label(), values.values().stream().mapToLong(Long::longValue).sum(), values)));
        all.sort(Comparator.comparing(LabelCounts::modelId).thenComparing(LabelCounts::benchmarkId)
                .thenComparing(LabelCounts::label));
        return all;
    }
}
