package io.evalstream.benchmarks;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one Mustache configuration of this library: no HTML escaping, and a missing or null variable or section is an
 * error rather than empty text (no default values), so a template can never silently drop a field.
 */
final class Templates {

    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).strictSections(true);

    private Templates() {
    }

    /** @param key the YAML key holding the template, for messages */
    static Template compile(String text, String key) {
        try {
            return COMPILER.compile(text);
        } catch (MustacheException e) {
            throw new BenchmarkException("key '" + key + "' is not a valid template: " + e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw new BenchmarkException("key '" + key + "' includes a partial ({{> name}}), which definitions do not"
                    + " support; write the text out");
        }
    }

    /** Why rendering failed, naming the variable and what the context offers instead. */
    static String describe(MustacheException failure, Map<String, Object> context) {
        if (failure instanceof MustacheException.Context missing) {
            var available = new TreeSet<>(context.keySet());
            available.add("cot");
            return "it uses '" + missing.key + "' (template line " + missing.lineNo + "), which this record lacks or"
                    + " holds as null; available: " + String.join(", ", available);
        }
        return failure.getMessage();
    }
}
