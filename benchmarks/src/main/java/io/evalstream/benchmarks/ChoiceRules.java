package io.evalstream.benchmarks;

import io.evalstream.benchmarks.definition.BenchmarkDefinition;
import io.evalstream.benchmarks.definition.ChoiceRule;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A multiple-choice benchmark's {@code choices} ready to apply: each item's continuations, checked at load. */
final class ChoiceRules {

    private final Rule list;
    private final List<Rule> options;
    private final String delimiter;

    private ChoiceRules(Rule list, List<Rule> options, String delimiter) {
        this.list = list;
        this.options = options;
        this.delimiter = delimiter;
    }

    /** The rules of a multiple-choice benchmark; null for any other kind. */
    static ChoiceRules of(BenchmarkDefinition definition) {
        if (definition.shape().kind() != TaskKind.MULTIPLE_CHOICE) {
            return null;
        }
        ChoiceRule rule = definition.shape().choices();
        List<Rule> options = new ArrayList<>();
        if (rule.options() != null) {
            for (int i = 0; i < rule.options().size(); i++) {
                options.add(new Rule("choices[" + i + "]", rule.options().get(i)));
            }
        }
        return new ChoiceRules(rule.list() == null ? null : new Rule("choices", rule.list()), List.copyOf(options),
                definition.shape().targetDelimiter());
    }

    /**
     * The item's continuations, the delimiter before each.
     *
     * @param reference the item's reference, which must be the 0-based index of one of them
     */
    List<String> choices(Map<String, Object> context, String reference, String where) {
        List<String> texts = new ArrayList<>();
        if (list != null) {
            texts.addAll(list.texts(context, where));
        } else {
            options.forEach(option -> texts.add(option.text(context, where)));
        }
        if (texts.size() < 2 || texts.size() > PromptTask.MAX_CHOICES) {
            throw new BenchmarkException(where + ": key 'choices' gives " + texts.size() + " choices; a multiple-choice"
                    + " item needs 2 to " + PromptTask.MAX_CHOICES);
        }
        if (!reference.matches("\\d{1,2}") || Integer.parseInt(reference) >= texts.size()) {
            throw new BenchmarkException(where + ": key 'reference' gives '" + reference + "', but a multiple-choice"
                    + " reference is the 0-based index of the right choice, 0 to " + (texts.size() - 1)
                    + " (map letters with map: {A: '0', B: '1', ...})");
        }
        List<String> continuations = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isBlank()) {
                throw new BenchmarkException(where + ": choice " + i + " is empty; every choice needs text");
            }
            continuations.add(delimiter + texts.get(i));
        }
        return List.copyOf(continuations);
    }
}
