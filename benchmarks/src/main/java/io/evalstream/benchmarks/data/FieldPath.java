package io.evalstream.benchmarks.data;

import java.util.List;
import java.util.Map;

/**
 * A dotted path into a record: {@code answer}, {@code answer.value}, {@code answers.0} (list index). A key that
 * itself contains dots is found when the whole path is that key.
 */
public final class FieldPath {

    private final String path;
    private final String[] segments;

    public FieldPath(String path) {
        this.path = path;
        this.segments = path.split("\\.", -1);
    }

    /** The value at this path, or null when some step is missing. */
    public Object lookup(Map<String, Object> record) {
        if (record.containsKey(path)) {
            return record.get(path);
        }
        Object value = record;
        for (String segment : segments) {
            value = step(value, segment);
            if (value == null) {
                return null;
            }
        }
        return value;
    }

    @Override
    public String toString() {
        return path;
    }

    private static Object step(Object value, String segment) {
        if (value instanceof Map<?, ?> map) {
            return map.get(segment);
        }
        if (value instanceof List<?> list && !segment.isEmpty() && segment.chars().allMatch(Character::isDigit)
                && segment.length() < 10) {
            int index = Integer.parseInt(segment);
            return index < list.size() ? list.get(index) : null;
        }
        return null;
    }
}
