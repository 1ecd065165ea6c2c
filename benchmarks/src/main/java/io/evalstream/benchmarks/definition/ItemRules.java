package io.evalstream.benchmarks.definition;

import java.util.Map;

/**
 * How a benchmark's records become items: where they are, the values computed from them, and which of them is the
 * id, the reference, the subset and the cluster. {@link DefinitionFile} documents each key.
 */
public record ItemRules(SourceSpec source, Map<String, FieldRule> fields, String itemId, FieldRule reference,
        FieldRule aliases, Map<String, SubsetInfo> subsets, String cluster) {
}
