package io.evalstream.reports.scoring;

import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Cost;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run's latest answers cost, in all and per model.
 *
 * @param byModel per model id, sorted
 */
public record RunCost(Cost total, Map<String, Cost> byModel) {

    public RunCost {
        byModel = Collections.unmodifiableSortedMap(new TreeMap<>(byModel));
    }

    public static RunCost of(List<BenchmarkScore> scores) {
        TreeMap<String, Cost> byModel = new TreeMap<>();
        Cost total = Cost.NONE;
        for (BenchmarkScore score : scores) {
            Cost cell = score.calls().cost() == null ? Cost.NONE : score.calls().cost();
            byModel.merge(score.cell().modelId(), cell, Cost::plus);
            total = total.plus(cell);
        }
        return new RunCost(total, byModel);
    }
}
