package io.evalstream.reports.scoring;

import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.Subset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tallies per subset and per group of subsets of every cell, from a run's latest samples. */
final class SubsetRollup {

    private static final Comparator<ScoreKey> BY_MODEL_THEN_BENCHMARK =
            Comparator.comparing(ScoreKey::modelId).thenComparing(ScoreKey::benchmarkId);

    private final Map<SubsetKey, Tally> subsets = new HashMap<>();
    private final Map<GroupKey, Tally> groups = new HashMap<>();

    private record SubsetKey(ScoreKey cell, Subset subset) {
    }

    private record GroupKey(ScoreKey cell, String group) {
    }

    /** Counts the sample in its subset and that subset's group; a sample outside any subset counts in neither. */
    void add(GradedSample sample) {
        Subset subset = sample.subset();
        if (subset == null) {
            return;
        }
        subsets.compute(new SubsetKey(sample.cell(), subset), (key, tally) -> orEmpty(tally).add(sample));
        if (subset.group() != null) {
            groups.compute(new GroupKey(sample.cell(), subset.group()), (key, tally) -> orEmpty(tally).add(sample));
        }
    }

    /** Sorted by model, benchmark, then subset id (then group, should one id come with two groups). */
    List<SubsetScore> subsets() {
        return subsets.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(SubsetKey::cell, BY_MODEL_THEN_BENCHMARK)
                        .thenComparing(key -> key.subset().id())
                        .thenComparing(key -> key.subset().group(), Comparator.nullsLast(Comparator.naturalOrder()))))
                .map(entry -> SubsetScore.of(entry.getKey().cell(), entry.getKey().subset(), entry.getValue()))
                .toList();
    }

    /** Sorted by model, benchmark, then group. */
    List<GroupScore> groups() {
        return groups.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(GroupKey::cell, BY_MODEL_THEN_BENCHMARK)
                        .thenComparing(GroupKey::group)))
                .map(entry -> GroupScore.of(entry.getKey().cell(), entry.getKey().group(), entry.getValue()))
                .toList();
    }

    private static Tally orEmpty(Tally tally) {
        return tally == null ? Tally.EMPTY : tally;
    }
}
