package io.evalstream.reports.scoring;

import io.evalstream.contracts.ScoreKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scores per item of every cell, for clustered standard errors. One pass over a run's latest samples. */
final class ItemClusters {

    private final Map<ScoreKey, Map<String, Moments>> cells = new HashMap<>();

    void add(TaskSample entry) {
        cells.computeIfAbsent(entry.sample().cell(), cell -> new HashMap<>())
                .merge(entry.task().itemId(), Moments.EMPTY.add(entry.sample().score()), Moments::plus);
    }

    /** One score per cell, sorted by model, then benchmark. */
    List<ClusteredScore> scores() {
        List<ClusteredScore> scores = new ArrayList<>();
        cells.forEach((cell, items) -> scores.add(new ClusteredScore(cell.modelId(), cell.benchmarkId(),
                ClusteredMean.of(items.values()))));
        scores.sort(Comparator.comparing(ClusteredScore::modelId).thenComparing(ClusteredScore::benchmarkId));
        return scores;
    }
}
