package io.evalstream.benchmarks;

import io.evalstream.benchmarks.definition.SubsetInfo;
import io.evalstream.contracts.Subset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The subsets a definition declares, and the template values each subset gives its records. */
final class Subsets {

    private final Map<String, SubsetInfo> declared;

    Subsets(Map<String, SubsetInfo> declared) {
        this.declared = declared;
    }

    /** The subset with its group; null for a record without one. */
    Subset subset(String id, String where) {
        if (id == null) {
            return null;
        }
        if (declared.isEmpty()) {
            return new Subset(id, null);
        }
        SubsetInfo info = declared.get(id);
        if (info == null) {
            throw new BenchmarkException(where + ": is in subset '" + id + "', which key 'subsets' does not list;"
                    + " add it there (e.g. " + id + ": {group: other}) or fix the source's subset rule");
        }
        return new Subset(id, info.group());
    }

    /**
     * The context of a record: its fields, {@code row} and the subset's values, then the declared {@code fields} in
     * order (each sees what comes before it, and hides a record field of the same name).
     */
    static Map<String, Object> context(SourceReader.Sourced sourced, List<Rule> fields, int row, Subset subset,
            String subsetName) {
        Map<String, Object> context = new LinkedHashMap<>(sourced.record().fields());
        context.put("row", Integer.toString(row));
        if (subset != null) {
            context.put("subset", subset.id());
            context.put("subset_name", subsetName);
            if (subset.group() != null) {
                context.put("subset_group", subset.group());
            }
        }
        for (Rule field : fields) {
            context.put(field.key().substring(field.key().lastIndexOf('.') + 1), field.value(context,
                    sourced.where()));
        }
        return Collections.unmodifiableMap(context);
    }

    /** How prompts call a subset: its declared name, else its id with '_' as spaces. */
    String name(Subset subset) {
        if (subset == null) {
            return null;
        }
        SubsetInfo info = declared.get(subset.id());
        return info != null && info.name() != null ? info.name() : subset.id().replace('_', ' ');
    }

    /** Subsets the definition declares, in declaration order. */
    Map<String, SubsetInfo> declared() {
        return declared;
    }
}
