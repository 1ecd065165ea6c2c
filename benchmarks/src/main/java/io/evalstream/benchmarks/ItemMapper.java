package io.evalstream.benchmarks;

import io.evalstream.benchmarks.SourceReader.Sourced;
import io.evalstream.benchmarks.definition.BenchmarkDefinition;
import io.evalstream.benchmarks.definition.CodeFields;
import io.evalstream.benchmarks.definition.FieldRule;
import io.evalstream.benchmarks.definition.RunOrder;
import io.evalstream.contracts.CodeCheck;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.Subset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns a definition's source records into items: context, id, reference, aliases, code and subset. */
final class ItemMapper {

    private final List<Rule> fields;
    private final Rule reference;
    private final Rule aliases;
    private final Rule[] code;
    private final ItemIds ids;
    private final ItemIds clusters;
    private final Subsets subsets;
    private final boolean verbatim;
    private final RunOrder order;
    private final ChoiceRules choices;

    ItemMapper(BenchmarkDefinition definition, Subsets subsets) {
        this.fields = rules("fields", definition.items().fields());
        this.reference = definition.items().reference() == null ? null : new Rule("reference", definition.items().reference());
        this.choices = ChoiceRules.of(definition);
        this.aliases = definition.items().aliases() == null ? null : new Rule("aliases", definition.items().aliases());
        this.code = code(definition.grading().code());
        this.ids = new ItemIds(definition.items().itemId(), definition.items().source().subset() != null);
        this.clusters = ItemIds.clusters(definition.items().cluster());
        this.subsets = subsets;
        this.verbatim = definition.byExecution();
        this.order = definition.items().source().order();
    }

    static List<Rule> rules(String key, Map<String, FieldRule> fields) {
        return fields.entrySet().stream().map(field -> new Rule(key + "." + field.getKey(), field.getValue())).toList();
    }

    /** The items in run order. */
    List<Item> items(List<Sourced> records) {
        Map<String, Integer> rows = new HashMap<>();
        List<Item> items = new ArrayList<>(records.size());
        for (Sourced record : records) {
            int row = rows.merge(record.subset() == null ? "" : record.subset(), 1, Integer::sum) - 1;
            items.add(item(record, row));
        }
        ids.checkUnique(items);
        return order == RunOrder.ROUND_ROBIN ? roundRobin(items) : List.copyOf(items);
    }

    private Item item(Sourced record, int row) {
        String where = record.where();
        Subset subset = subsets.subset(record.subset(), where);
        Map<String, Object> context = Subsets.context(record, fields, row, subset, subsets.name(subset));
        String id = ids.id(context, where);
        List<String> answers = reference == null ? List.of(id) : answers(context, where);
        List<String> options = choices == null ? null : choices.choices(context, answers.getFirst(), where);
        try {
            return new Item(id, answers.getFirst(), answers.subList(1, answers.size()), code(context, where), subset,
                    where, context, clusters == null ? null : clusters.id(context, where), options);
        } catch (InvalidRecordException e) {
            throw new BenchmarkException(where + ": " + e.getMessage(), e);
        }
    }

    /** The reference first, then the aliases, each once. */
    private List<String> answers(Map<String, Object> context, String where) {
        Set<String> answers = new LinkedHashSet<>();
        add(answers, reference.texts(context, where), "reference", verbatim, where);
        if (aliases != null) {
            add(answers, aliases.texts(context, where), "aliases", false, where);
        }
        if (answers.isEmpty()) {
            throw new BenchmarkException(where + ": key 'reference' gives an empty list; the item has no answer");
        }
        return List.copyOf(answers);
    }

    private static void add(Set<String> answers, List<String> texts, String key, boolean verbatim, String where) {
        for (String text : texts) {
            String answer = verbatim ? text : text.strip();
            if (answer.isBlank()) {
                throw new BenchmarkException(where + ": key '" + key + "' gives an empty answer; every answer needs"
                        + " text");
            }
            answers.add(answer);
        }
    }

    private CodeCheck code(Map<String, Object> context, String where) {
        if (code == null) {
            return null;
        }
        return new CodeCheck(code[0] == null ? "" : code[0].text(context, where), code[1].text(context, where),
                code[2].text(context, where).strip());
    }

    private static Rule[] code(CodeFields code) {
        if (code == null) {
            return null;
        }
        return new Rule[] {code.prefix() == null ? null : new Rule("code.prefix", code.prefix()),
            new Rule("code.test", code.test()), new Rule("code.entryPoint", code.entryPoint())};
    }

    /** First item of every subset (by subset id), then the second of each, ...: any prefix spans subsets. */
    private static List<Item> roundRobin(List<Item> items) {
        Map<String, List<Item>> bySubset = new TreeMap<>();
        items.forEach(item -> bySubset.computeIfAbsent(item.subset().id(), id -> new ArrayList<>()).add(item));
        int longest = bySubset.values().stream().mapToInt(List::size).max().orElse(0);
        List<Item> ordered = new ArrayList<>(items.size());
        for (int row = 0; row < longest; row++) {
            for (List<Item> subset : bySubset.values()) {
                if (row < subset.size()) {
                    ordered.add(subset.get(row));
                }
            }
        }
        return List.copyOf(ordered);
    }
}
