package io.evalstream.benchmarks.definition;

import static io.evalstream.benchmarks.definition.BenchmarkDefinition.DEFAULT_VARIANT;
import static io.evalstream.benchmarks.definition.BenchmarkDefinition.RESERVED;

import io.evalstream.benchmarks.grading.ScorerRegistry;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.GradingNames;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.Scorer;
import io.evalstream.contracts.SettingsOverrides;
import io.evalstream.contracts.TaskKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark's YAML file as written, key for key: the flat format users write stays the same while
 * {@link BenchmarkDefinition} groups the keys into values. Its constructor checks and completes what the keys say
 * together (a headline scorer sets extraction and metric, a kind decides which keys apply); {@code README.md} of
 * this module documents every key.
 *
 * @param id          the benchmark id a run spec names
 * @param description one line for listings
 * @param category    GPT-Fathom capability category
 * @param source      the test records
 * @param fields      named values computed from each record, for templates, ids and references; a name here
 *                    hides a record field of the same name
 * @param itemId      a field path, or a Mustache template such as {@code {{subset}}-{{row}}}; null: {@code {{row}}},
 *                    or {@code {{subset}}-{{row}}} when the source has subsets
 * @param reference   the correct answer; a list value gives the reference (first) and aliases (the rest)
 * @param aliases     further correct answers (a list field); null for none
 * @param code        how to run code completions; required exactly when the metric is CODE_EXECUTION
 * @param subsets     subset id to its group and name; when given, every record's subset must be listed
 * @param extraction  how the grader finds the answer in a completion: a name registered in {@link ScorerRegistry},
 *                    kept as {@link io.evalstream.contracts.GradingNames} spells it for the wire
 * @param metric      how the grader scores it, a registered name; null: a built-in extraction's default metric
 * @param settings    declared settings; a run's settings override them field by field
 * @param fewShot     where exemplars come from; null for zero-shot only
 * @param variants    prompt templates by variant name; {@code default} is required
 * @param judging     who judges the answers on which rubric; required exactly when the metric is RUBRIC
 * @param cluster     a field path or template (as {@code itemId}) giving the items that are not independent the same
 *                    value, e.g. the passage several DROP questions share; the analyses cluster standard errors by it
 *                    (Miller 2024). Null: each item is its own cluster
 * @param kind        generate (the default), multiple_choice or perplexity (both scored by likelihood)
 * @param choices     multiple_choice only: the continuations to score; the reference is the right one's 0-based index
 * @param targetDelimiter multiple_choice only: put before every choice (lm-evaluation-harness's
 *                    {@code target_delimiter}); default one space
 * @param scorers     every way to grade a completion, the first the headline (its extraction and metric become the
 *                    benchmark's); instead of {@code extraction} and {@code metric}, which stand for one scorer
 *                    named {@code default}. Never null once built: every name checked against the grader's
 *                    {@link ScorerRegistry}
 */
record DefinitionFile(String id, String description, Category category, SourceSpec source,
        Map<String, FieldRule> fields, String itemId, FieldRule reference, FieldRule aliases, CodeFields code,
        Map<String, SubsetInfo> subsets, String extraction, String metric, SettingsOverrides settings,
        FewShotSpec fewShot, Map<String, TemplateSpec> variants, Judging judging, String cluster, TaskKind kind,
        ChoiceRule choices, String targetDelimiter, List<Scorer> scorers) {

    DefinitionFile {
        Check.id(Check.required(id, "id", "gsm8k"), "id");
        Check.required(description, "description", "'Grade-school math word problems.'");
        Check.required(category, "category", "math");
        Check.required(source, "source", "{path: gsm8k/test.jsonl}");
        fields = names(fields, "fields");
        kind = kind == null ? TaskKind.GENERATE : kind;
        if (kind == TaskKind.GENERATE) {
            Check.required(reference, "reference", "answer");
            if (scorers != null) {
                Scorers.checkAlone(extraction, metric);
                Scorer headline = Scorers.headline(scorers);
                extraction = headline.extraction();
                metric = headline.metric();
            }
            Check.required(extraction, "extraction", "numeric");
            extraction = Scorers.extraction(extraction);
            metric = Scorers.metric(extraction, metric);
        } else {
            Scorers.checkNone(scorers, kind);
            metric = likelihoodMetric(kind, extraction, metric);
            extraction = Extraction.LIKELIHOOD.name();
        }
        if (GradingNames.byLikelihood(metric) && kind == TaskKind.GENERATE) {
            throw new IllegalArgumentException("extraction likelihood and metrics likelihood_acc and bits_per_byte"
                    + " belong to benchmarks scored by likelihood; declare kind: multiple_choice or kind: perplexity");
        }
        checkChoices(kind, choices, reference, targetDelimiter);
        targetDelimiter = kind == TaskKind.MULTIPLE_CHOICE && targetDelimiter == null ? " " : targetDelimiter;
        checkCode(extraction, metric, code);
        checkJudging(metric, judging);
        scorers = Scorers.checked(scorers, extraction, metric);
        subsets = subsets(subsets, source);
        settings = settings == null ? SettingsOverrides.NONE : settings;
        if (fewShot != null && fewShot.matchSubset() && source.subset() == null) {
            throw new IllegalArgumentException("key 'fewShot.matchSubset' is true but 'source' has no 'subset';"
                    + " give the source a subset rule or set matchSubset: false");
        }
        variants = variants(variants, fewShot != null);
        if (cluster != null && cluster.isBlank()) {
            throw new IllegalArgumentException("key 'cluster' is empty; give a field path or template shared by"
                    + " related items, e.g. cluster: passage.title, or remove the key");
        }
    }

    private static Map<String, FieldRule> names(Map<String, FieldRule> fields, String key) {
        if (fields == null) {
            return Map.of();
        }
        for (var field : fields.entrySet()) {
            Check.name(field.getKey(), key + "." + field.getKey());
            if (RESERVED.contains(field.getKey())) {
                throw new IllegalArgumentException("key '" + key + "." + field.getKey() + "' reuses a name every"
                        + " template already has (" + String.join(", ", RESERVED.stream().sorted().toList())
                        + "); pick another name");
            }
            Check.required(field.getValue(), key + "." + field.getKey(), "answer");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The metric of a benchmark scored by likelihood; extraction and metric may be left out, not contradicted. */
    private static String likelihoodMetric(TaskKind kind, String extraction, String metric) {
        Metric wanted = kind == TaskKind.MULTIPLE_CHOICE ? Metric.LIKELIHOOD_ACC : Metric.BITS_PER_BYTE;
        if (extraction != null && !Extraction.LIKELIHOOD.name().equalsIgnoreCase(extraction.strip())
                || metric != null && !wanted.name().equalsIgnoreCase(metric.strip())) {
            throw new IllegalArgumentException("kind " + kind.yamlName() + " is scored by likelihood with metric "
                    + lower(wanted.name()) + "; remove keys 'extraction' and 'metric' (they are "
                    + (extraction == null ? "-" : lower(extraction)) + " and " + (metric == null ? "-" : lower(metric))
                    + ")");
        }
        return wanted.name();
    }

    private static void checkChoices(TaskKind kind, ChoiceRule choices, FieldRule reference, String delimiter) {
        if (kind == TaskKind.MULTIPLE_CHOICE) {
            Check.required(choices, "choices", "endings (a list field) or [\"{{a}}\", \"{{b}}\"]");
            Check.required(reference, "reference", "{field: label} (the 0-based index of the right choice)");
        } else if (choices != null || delimiter != null) {
            throw new IllegalArgumentException("keys 'choices' and 'targetDelimiter' apply to kind multiple_choice"
                    + " only (kind is " + kind.yamlName() + "); remove them");
        }
    }

    private static void checkCode(String extraction, String metric, CodeFields code) {
        boolean byExecution = Metric.CODE_EXECUTION.name().equals(metric);
        if (Extraction.CODE.name().equals(extraction) != byExecution) {
            throw new IllegalArgumentException("extraction code goes with metric code_execution and only with it"
                    + " (extraction is " + lower(extraction) + ", metric is " + lower(metric) + ")");
        }
        if (byExecution != (code != null)) {
            throw new IllegalArgumentException(code == null
                    ? "key 'code' is required with metric code_execution, e.g. code: {prefix: prompt, test: test,"
                            + " entryPoint: entry_point}"
                    : "key 'code' applies to metric code_execution only (metric is " + lower(metric) + "); remove it");
        }
    }

    private static void checkJudging(String metric, Judging judging) {
        if (Metric.RUBRIC.name().equals(metric) != (judging != null)) {
            throw new IllegalArgumentException(judging == null
                    ? "key 'judging' is required with metric rubric, e.g. judging: {rubric: tinystories, judge: auto}"
                    : "key 'judging' applies to metric rubric only (metric is " + lower(metric) + "); remove it");
        }
    }

    private static Map<String, SubsetInfo> subsets(Map<String, SubsetInfo> subsets, SourceSpec source) {
        if (subsets == null || subsets.isEmpty()) {
            return Map.of();
        }
        if (source.subset() == null) {
            throw new IllegalArgumentException("key 'subsets' lists subsets but 'source' says nothing about which"
                    + " record is in which; add source.subset: {file: ...} or {field: ...}");
        }
        for (var subset : subsets.entrySet()) {
            Check.id(subset.getKey(), "subsets." + subset.getKey());
            if (subset.getValue() == null) {
                throw new IllegalArgumentException("key 'subsets." + subset.getKey() + "' is empty; give at least"
                        + " {group: ...} or {name: ...}, e.g. {group: stem}");
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(subsets));
    }

    private static Map<String, TemplateSpec> variants(Map<String, TemplateSpec> variants, boolean fewShot) {
        if (variants == null || !variants.containsKey(DEFAULT_VARIANT) || variants.get(DEFAULT_VARIANT) == null) {
            throw new IllegalArgumentException("key 'variants' must hold a variant named 'default', e.g."
                    + " variants: {default: {question: \"Question: {{question}}\\nAnswer:\"}}");
        }
        TemplateSpec base = variants.get(DEFAULT_VARIANT);
        Check.required(base.question(), "variants.default.question", "\"Question: {{question}}\\nAnswer:\"");
        if (fewShot) {
            Check.required(base.example(), "variants.default.example",
                    "\"Question: {{question}}\\nAnswer: {{answer}}\" (the benchmark has a fewShot source)");
        }
        Map<String, TemplateSpec> ordered = new LinkedHashMap<>();
        ordered.put(DEFAULT_VARIANT, base);
        for (var variant : variants.entrySet()) {
            Check.id(variant.getKey(), "variants." + variant.getKey());
            ordered.putIfAbsent(variant.getKey(), variant.getValue() == null
                    ? TemplateSpec.INHERITED : variant.getValue());
        }
        return Collections.unmodifiableMap(ordered);
    }

    private static String lower(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
