package io.evalstream.benchmarks.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where few-shot exemplars come from. A prompt with {@code shots = k} starts with the first k exemplars of the pool
 * (of the item's own subset when {@code matchSubset}), each rendered with the variant's {@code example} template.
 *
 * @param source      the exemplar records, declared like the benchmark's source
 * @param count       the pool is the first {@code count} records (per subset); null for all of them
 * @param matchSubset whether each item gets exemplars of its own subset (MMLU: same subject); default false
 * @param fields      named values for the example template; null: the benchmark's {@code fields}
 */
public record FewShotSpec(SourceSpec source, Integer count, Boolean matchSubset, Map<String, FieldRule> fields) {

    public FewShotSpec {
        Check.required(source, "source", "{path: gsm8k/train.jsonl}");
        if (count != null && count < 1) {
            throw new IllegalArgumentException("key 'count' must be at least 1, got " + count
                    + "; leave it out to use every exemplar");
        }
        matchSubset = matchSubset != null && matchSubset;
        if (matchSubset && source.subset() == null) {
            throw new IllegalArgumentException("key 'matchSubset' is true but the few-shot source has no 'subset';"
                    + " add subset: {file: '(?<subset>.+)_dev\\.csv'} (or {field: ...}) to the source");
        }
        if (fields != null) {
            fields.keySet().forEach(name -> Check.name(name, "fields." + name));
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }
}
