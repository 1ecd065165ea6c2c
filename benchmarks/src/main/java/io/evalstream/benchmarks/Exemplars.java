package io.evalstream.benchmarks;

import io.evalstream.benchmarks.SourceReader.Sourced;
import io.evalstream.benchmarks.data.DataRoot;
import io.evalstream.benchmarks.definition.BenchmarkDefinition;
import io.evalstream.benchmarks.definition.FewShotSpec;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.Subset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few-shot pool: exemplar contexts in source order, one pool for the whole benchmark or one per subset. A prompt
 * with {@code shots = k} takes the first k of its pool.
 */
final class Exemplars {

    static final Exemplars NONE = new Exemplars(Map.of(), false);
    private static final String ALL = "";

    /** One exemplar: what its template sees, and where it came from for messages. */
    record Exemplar(String where, Map<String, Object> context) {
    }

    private final Map<String, List<Exemplar>> pools;
    private final boolean matchSubset;

    private Exemplars(Map<String, List<Exemplar>> pools, boolean matchSubset) {
        this.pools = pools;
        this.matchSubset = matchSubset;
    }

    static Exemplars load(BenchmarkDefinition definition, DataRoot root, Subsets subsets) {
        FewShotSpec fewShot = definition.prompts().fewShot();
        if (fewShot == null) {
            return NONE;
        }
        List<Rule> fields = fewShot.fields() == null ? ItemMapper.rules("fields", definition.items().fields())
                : ItemMapper.rules("fewShot.fields", fewShot.fields());
        Map<String, List<Exemplar>> pools = new LinkedHashMap<>();
        Map<String, Integer> rows = new HashMap<>();
        for (Sourced record : SourceReader.read(root, fewShot.source(), "fewShot.source")) {
            String key = fewShot.matchSubset() ? record.subset() : ALL;
            List<Exemplar> pool = pools.computeIfAbsent(key, k -> new ArrayList<>());
            if (fewShot.count() == null || pool.size() < fewShot.count()) {
                Subset subset = subsets.subset(record.subset(), record.where());
                int row = rows.merge(key, 1, Integer::sum) - 1;
                pool.add(new Exemplar(record.where(),
                        Subsets.context(record, fields, row, subset, subsets.name(subset))));
            }
        }
        pools.replaceAll((key, pool) -> List.copyOf(pool));
        return new Exemplars(Map.copyOf(pools), fewShot.matchSubset());
    }

    /** The pool an item draws from: its subset's, or the only one. */
    List<Exemplar> pool(Item item) {
        return pools.getOrDefault(key(item), List.of());
    }

    String key(Item item) {
        return matchSubset ? item.subset().id() : ALL;
    }

    /** The most shots every item can get: the smallest pool any item draws from, at most {@link Settings#MAX_SHOTS}. */
    int maxShots(List<Item> items) {
        if (pools.isEmpty()) {
            return 0;
        }
        int smallest = matchSubset
                ? items.stream().mapToInt(item -> pool(item).size()).min().orElse(0)
                : pools.get(ALL).size();
        return Math.min(smallest, Settings.MAX_SHOTS);
    }

    /** Every exemplar, for load-time checks. */
    List<Exemplar> all() {
        return pools.values().stream().flatMap(List::stream).toList();
    }
}
