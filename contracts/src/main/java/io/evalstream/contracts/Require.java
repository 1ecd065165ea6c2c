package io.evalstream.contracts;

import java.util.List;
import java.util.regex.Pattern;

/** Field checks for compact constructors; every failure names the field and what is expected. */
public final class Require {

    /** Identifiers that appear inside a {@link TaskId} or a metric label. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@+-]{0,127}");

    private Require() {
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidRecordException("field '" + field + "' is required but missing or null");
        }
        return value;
    }

    public static String nonBlank(String value, String field) {
        present(value, field);
        if (value.isBlank()) {
            throw new InvalidRecordException("field '" + field + "' must not be blank");
        }
        return value;
    }

    public static String id(String value, String field) {
        present(value, field);
        if (!isId(value)) {
            throw new InvalidRecordException("field '" + field + "' must be 1-128 characters of letters, digits"
                    + " and _.:@+- starting with a letter or digit (no '/' or spaces), got '"
                    + Texts.abbreviate(value, Texts.IN_A_MESSAGE) + "'");
        }
        return value;
    }

    /**
     * Whether {@code value} matches {@link #ID}. A loop rather than the regex: every task id on every record
     * is checked, six segments each, and the regex was a visible share of each service's CPU.
     */
    public static boolean isId(String value) {
        int length = value.length();
        if (length == 0 || length > 128) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alphanumeric && (i == 0 || "_.:@+-".indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }

    public static int atLeast(int value, int min, String field) {
        if (value < min) {
            throw new InvalidRecordException("field '" + field + "' must be >= " + min + ", got " + value);
        }
        return value;
    }

    public static long atLeast(long value, long min, String field) {
        if (value < min) {
            throw new InvalidRecordException("field '" + field + "' must be >= " + min + ", got " + value);
        }
        return value;
    }

    public static double between(double value, double min, double max, String field) {
        if (!(value >= min && value <= max)) {
            throw new InvalidRecordException(
                    "field '" + field + "' must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public static <T> List<T> nonEmpty(List<T> values, String field) {
        present(values, field);
        if (values.isEmpty()) {
            throw new InvalidRecordException("field '" + field + "' must list at least one entry");
        }
        for (int i = 0; i < values.size(); i++) {
            present(values.get(i), field + "[" + i + "]");
        }
        return List.copyOf(values);
    }

    public static void supportedVersion(int schemaVersion) {
        if (schemaVersion != SchemaVersion.CURRENT) {
            throw new InvalidRecordException("field 'schemaVersion' must be " + SchemaVersion.CURRENT
                    + " (the only version this service reads), got " + schemaVersion);
        }
    }
}
