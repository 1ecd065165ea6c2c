package io.evalstream.benchmarks;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.evalstream.benchmarks.definition.FieldRule;
import io.evalstream.contracts.Require;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Item ids from a field or a template ({@code {{subset}}-{{row}}}), made valid inside a task id: every character
 * outside {@code [A-Za-z0-9_.:@+-]} becomes '-' ({@code HumanEval/0} is {@code HumanEval-0}), and leading
 * punctuation goes. Two records with the same id are an error, never silently merged. Cluster ids (the
 * definition's {@code cluster}) are made the same way, and need not be unique.
 */
final class ItemIds {

    private final String key;
    private final String declared;
    private final Template template;
    private final Rule field;

    /** @param declared the definition's {@code itemId}; null for the default */
    ItemIds(String declared, boolean subsets) {
        this("itemId", declared != null ? declared : subsets ? "{{subset}}-{{row}}" : "{{row}}");
    }

    /** @param declared the field path or template under {@code key}, present */
    private ItemIds(String key, String declared) {
        this.key = key;
        this.declared = declared;
        if (declared.contains("{{")) {
            this.template = Templates.compile(declared, key);
            this.field = null;
        } else {
            this.template = null;
            this.field = new Rule(key, FieldRule.of(declared));
        }
    }

    /** @param declared the definition's {@code cluster}; null when it declares none */
    static ItemIds clusters(String declared) {
        return declared == null ? null : new ItemIds("cluster", declared);
    }

    String id(Map<String, Object> context, String where) {
        String raw;
        if (template != null) {
            try {
                raw = template.execute(context);
            } catch (MustacheException e) {
                throw new BenchmarkException(where + ": key '" + key + "' is '" + declared + "': "
                        + Templates.describe(e, context));
            }
        } else {
            raw = field.text(context, where);
        }
        String id = sanitize(raw);
        if (id.isEmpty() || !Require.isId(id)) {
            throw new BenchmarkException(where + ": key '" + key + "' gives '" + Rule.abbreviate(raw) + "', which"
                    + " cannot be made an id of 1-128 letters, digits and _.:@+-; choose a shorter or other field or template");
        }
        return id;
    }

    static String sanitize(String raw) {
        StringBuilder id = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (alphanumeric || !id.isEmpty()) {
                id.append(alphanumeric || "_.:@+-".indexOf(c) >= 0 ? c : '-');
            }
        }
        return id.toString();
    }

    void checkUnique(List<Item> items) {
        Map<String, Item> seen = new HashMap<>();
        for (Item item : items) {
            Item earlier = seen.putIfAbsent(item.id(), item);
            if (earlier != null) {
                throw new BenchmarkException("key 'itemId' ('" + declared + "') gives the id '" + item.id() + "' to both "
                        + earlier.where() + " and " + item.where() + "; item ids must be unique, so use a field that"
                        + " is, or a template such as '{{subset}}-{{row}}'");
            }
        }
    }
}
