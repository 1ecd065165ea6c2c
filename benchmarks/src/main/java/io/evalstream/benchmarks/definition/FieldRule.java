package io.evalstream.benchmarks.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a value comes from in a data record. In YAML either a bare field path ({@code reference: answer}) or a
 * mapping ({@code reference: {field: answer, pattern: '####\s*(.+)$', remove: ','}}). The steps apply in order:
 * {@code field} or {@code template}, then {@code pattern}, {@code remove}, {@code map}; to a list value, element by
 * element.
 *
 * @param field    dotted path into the record: {@code answer}, {@code answer.value}, {@code answers.0}
 * @param template instead of {@code field}: a Mustache template over the record, e.g.
 *                 {@code "def check(candidate):\n{{#test_list}}    {{.}}\n{{/test_list}}"}
 * @param pattern  a regular expression with exactly one capturing group; the value becomes that group of the first
 *                 match, and a value it does not match is an error; null keeps the whole value
 * @param remove   a regular expression whose every match is deleted from the value; null deletes nothing
 * @param map      replaces each value by the one it maps to ({@code {"0": A, "1": B}}); a value it lacks is an error
 */
public record FieldRule(String field, String template, String pattern, String remove, Map<String, String> map) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public FieldRule {
        if ((field == null) == (template == null)) {
            throw new IllegalArgumentException("give exactly one of key 'field' (a path such as 'answer.value') and"
                    + " key 'template' (a Mustache template such as '{{a}} {{b}}')");
        }
        if (field != null) {
            Check.required(field, "field", "'answer' or 'answer.value'");
        }
        if (pattern != null) {
            Check.regex(pattern, "pattern", 1);
        }
        if (remove != null) {
            Check.regex(remove, "remove", -1);
        }
        if (map != null) {
            if (map.isEmpty() || map.containsValue(null)) {
                throw new IllegalArgumentException("key 'map' must map each value to a text, e.g. {'0': A, '1': B}");
            }
            map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }
    }

    /** The short form: the whole value of one field. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FieldRule of(String field) {
        return new FieldRule(field, null, null, null, null);
    }

    /** The value a Mustache template renders from the record, unchanged after. */
    public static FieldRule fromTemplate(String template) {
        return new FieldRule(null, template, null, null, null);
    }

    /** Whether the value is changed after it is found. */
    public boolean transforms() {
        return pattern != null || remove != null || map != null;
    }
}
