package io.evalstream.benchmarks.definition;

import io.evalstream.contracts.Require;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks for the compact constructors of the definition records. Each failure names the YAML key and says what
 * to write instead; the reader prefixes the definition file and where in it the key sits.
 */
final class Check {

    /** What a template may call a field: a Mustache-friendly name. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Check() {
    }

    static String required(String value, String key, String example) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("key '" + key + "' is required, e.g. " + example);
        }
        return value;
    }

    static <T> T required(T value, String key, String example) {
        if (value == null) {
            throw new IllegalArgumentException("key '" + key + "' is required, e.g. " + example);
        }
        return value;
    }

    static String id(String value, String key) {
        if (value != null && !Require.isId(value)) {
            throw new IllegalArgumentException("key '" + key + "' is '" + value + "' but must be 1-128 letters, digits"
                    + " and _.:@+- starting with a letter or digit (no '/' or spaces)");
        }
        return value;
    }

    static String name(String value, String key) {
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("key '" + key + "' has the name '" + value + "', which a template"
                    + " cannot use; use letters, digits and '_', not starting with a digit");
        }
        return value;
    }

    /** Compiles {@code regex}; {@code groups} is the number of capturing groups it must have, or -1 for any. */
    static Pattern regex(String regex, String key, int groups) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("key '" + key + "' is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex() + " of '" + regex + "'");
        }
        int actual = pattern.matcher("").groupCount();
        if (groups >= 0 && actual != groups) {
            throw new IllegalArgumentException("key '" + key + "' must have exactly " + groups + " capturing group"
                    + " (the part to keep, e.g. '####\\s*(.+)$'), but '" + regex + "' has " + actual
                    + "; write other groups as (?:...)");
        }
        return pattern;
    }

    static <T> List<T> copy(List<T> values) {
        return values == null ? null : List.copyOf(values);
    }
}
