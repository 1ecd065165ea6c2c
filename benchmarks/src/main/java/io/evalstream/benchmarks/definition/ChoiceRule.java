package io.evalstream.benchmarks.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code choices} of a multiple-choice benchmark scored by likelihood: one rule whose value is the list of
 * choices ({@code choices: endings}, {@code choices: {field: endings}}), or a template per option
 * ({@code choices: ["{{a}}", "{{b}}", "{{c}}", "{{d}}"]}), as lm-evaluation-harness's {@code doc_to_choice} takes a
 * field or a list. Not a record, so the strict key check leaves its free form to this class.
 */
public final class ChoiceRule {

    private static final ObjectMapper RULES = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final FieldRule list;
    private final List<FieldRule> options;

    private ChoiceRule(FieldRule list, List<FieldRule> options) {
        this.list = list;
        this.options = options;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ChoiceRule of(JsonNode node) {
        if (node.isTextual()) {
            return new ChoiceRule(FieldRule.of(Check.required(node.asText(), "choices", "endings")), null);
        }
        if (node.isArray()) {
            if (node.size() < 2) {
                throw new IllegalArgumentException("key 'choices' lists " + node.size() + " option template(s);"
                        + " give at least two, e.g. choices: [\"{{a}}\", \"{{b}}\"]");
            }
            List<FieldRule> templates = new ArrayList<>();
            for (JsonNode option : node) {
                if (!option.isTextual() || option.asText().isEmpty()) {
                    throw new IllegalArgumentException("key 'choices' lists option templates, each a text such as"
                            + " \"{{a}}\"; got " + option);
                }
                templates.add(FieldRule.fromTemplate(option.asText()));
            }
            return new ChoiceRule(null, List.copyOf(templates));
        }
        if (node.isObject()) {
            try {
                return new ChoiceRule(RULES.treeToValue(node, FieldRule.class), null);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("key 'choices' is a rule like 'reference' ({field: endings},"
                        + " optionally with pattern, remove, map): " + e.getOriginalMessage());
            }
        }
        throw new IllegalArgumentException("key 'choices' must be a field holding the list of choices (endings), a"
                + " rule ({field: endings}) or a list of option templates ([\"{{a}}\", \"{{b}}\"])");
    }

    /** The rule whose value is the whole list of choices; null when the choices are one template per option. */
    public FieldRule list() {
        return list;
    }

    /** One template rule per option; null when one rule gives the list. */
    public List<FieldRule> options() {
        return options;
    }
}
