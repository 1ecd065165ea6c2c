package io.evalstream.reports.scoring;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often a judge gave each value of one label (e.g. {@code age_group}) in a (model, benchmark) cell.
 *
 * @param labelled answers carrying the label
 * @param counts   answers per label value, by value; beyond {@link LabelRollup#MAX_VALUES} distinct values the
 *                 rest are counted under {@link LabelRollup#OTHER}
 */
public record LabelCounts(String modelId, String benchmarkId, String label, long labelled, Map<String, Long> counts) {

    public LabelCounts {
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    }
}
