package io.evalstream.benchmarks;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.evalstream.benchmarks.data.FieldPath;
import io.evalstream.benchmarks.definition.FieldRule;
import io.evalstream.contracts.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link FieldRule} ready to apply: its path parsed, its template and patterns compiled. */
final class Rule {

    private final String key;
    private final FieldRule rule;
    private final FieldPath path;
    private final Template template;
    private final Pattern pattern;
    private final Pattern remove;

    /** @param key the YAML key that declared the rule ({@code reference}, {@code fields.solution}), for messages */
    Rule(String key, FieldRule rule) {
        this.key = key;
        this.rule = rule;
        this.path = rule.field() == null ? null : new FieldPath(rule.field());
        this.template = rule.template() == null ? null : Templates.compile(rule.template(), key + ".template");
        this.pattern = rule.pattern() == null ? null : Pattern.compile(rule.pattern());
        this.remove = rule.remove() == null ? null : Pattern.compile(rule.remove());
    }

    String key() {
        return key;
    }

    /** The value (text, list, map or boolean); a transformed value is text, or a list of text. */
    Object value(Map<String, Object> record, String where) {
        Object value = found(record, where);
        if (!rule.transforms()) {
            return value;
        }
        return switch (value) {
            case String text -> transform(text, where);
            case Boolean flag -> transform(flag.toString(), where);
            case List<?> list -> strings(list, where, true);
            default -> throw new BenchmarkException(where + ": key '" + key + "' transforms text, but " + source()
                    + " holds " + describe(value));
        };
    }

    /** A single text value (a boolean as true or false). */
    String text(Map<String, Object> record, String where) {
        return switch (value(record, where)) {
            case String text -> text;
            case Boolean flag -> flag.toString();
            case Object other -> throw new BenchmarkException(where + ": key '" + key + "' needs text but " + source()
                    + " holds " + describe(other));
        };
    }

    /** Text values: the elements of a list, or a single text as a list of one. */
    List<String> texts(Map<String, Object> record, String where) {
        return switch (value(record, where)) {
            case List<?> list -> strings(list, where, false);
            case Object other -> List.of(text(record, where));
        };
    }

    private Object found(Map<String, Object> record, String where) {
        if (template != null) {
            try {
                return template.execute(record);
            } catch (MustacheException e) {
                throw new BenchmarkException(where + ": key '" + key + ".template' " + Templates.describe(e, record));
            }
        }
        Object value = path.lookup(record);
        if (value == null) {
            throw new BenchmarkException(where + ": key '" + key + "' reads field '" + path + "', which this record"
                    + " lacks (or is null); its fields are " + record.keySet());
        }
        return value;
    }

    private List<String> strings(List<?> list, String where, boolean transform) {
        List<String> texts = new ArrayList<>(list.size());
        for (Object element : list) {
            String text = switch (element) {
                case String string -> string;
                case Boolean flag -> flag.toString();
                case null, default -> throw new BenchmarkException(where + ": key '" + key + "' needs a list of text"
                        + " but " + source() + " holds an element that is " + describe(element));
            };
            texts.add(transform ? transform(text, where) : text);
        }
        return List.copyOf(texts);
    }

    private String transform(String text, String where) {
        String value = text;
        if (pattern != null) {
            Matcher matcher = pattern.matcher(text);
            if (!matcher.find() || matcher.group(1) == null) {
                throw new BenchmarkException(where + ": key '" + key + "' has pattern '" + rule.pattern()
                        + "', which does not match " + source() + " (\"" + abbreviate(text) + "\")");
            }
            value = matcher.group(1);
        }
        if (remove != null) {
            value = remove.matcher(value).replaceAll("");
        }
        if (rule.map() != null) {
            String mapped = rule.map().get(value);
            if (mapped == null) {
                throw new BenchmarkException(where + ": key '" + key + "' maps " + rule.map().keySet() + " but "
                        + source() + " gives '" + abbreviate(value) + "'; add it to 'map'");
            }
            value = mapped;
        }
        return value;
    }

    private String source() {
        return path != null ? "field '" + path + "'" : "its template";
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "nothing";
            case String text -> "the text \"" + abbreviate(text) + "\"";
            case List<?> list -> "a list";
            case Map<?, ?> map -> "an object with keys " + map.keySet();
            default -> "the value " + value;
        };
    }

    static String abbreviate(String text) {
        return Texts.abbreviate(text.replace("\n", "\\n"), Texts.IN_A_MESSAGE);
    }
}
