package io.evalstream.reports.scoring;

import io.evalstream.contracts.ErrorKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * ERROR grades by kind, with a sample reason per kind. The counts are exact under {@link #move}; a reason is only a
 * sample: the latest one added for its kind, kept while any grade of that kind is counted (taking a grade back
 * cannot restore an older reason, nor need it: every reason kept is one a grade of that kind gave).
 *
 * @param counts  ERROR grades by kind; a kind at 0 is left out
 * @param reasons the sample reason per kind, only for kinds in {@code counts} whose grades gave one
 */
public record ErrorCounts(Map<ErrorKind, Long> counts, Map<ErrorKind, String> reasons) {

    public static final ErrorCounts NONE = new ErrorCounts(null, null);

    public ErrorCounts {
        counts = counts == null || counts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(counts));
        reasons = reasons == null || reasons.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(reasons));
    }

    /**
     * Counts one more ({@code delta} 1) or one fewer (-1) grade of {@code kind}; unchanged when kind is null.
     *
     * @param reason the grade's reason, or null when it gives none
     */
    public ErrorCounts move(ErrorKind kind, String reason, int delta) {
        if (kind == null) {
            return this;
        }
        EnumMap<ErrorKind, Long> nextCounts = enumMap(counts);
        EnumMap<ErrorKind, String> nextReasons = enumMap(reasons);
        long count = nextCounts.getOrDefault(kind, 0L) + delta;
        if (count > 0) {
            nextCounts.put(kind, count);
            if (delta > 0 && reason != null) {
                nextReasons.put(kind, reason);
            }
        } else {
            nextCounts.remove(kind);
            nextReasons.remove(kind);
        }
        return new ErrorCounts(nextCounts, nextReasons);
    }

    /** Both added up; a kind's reason is this one's when it has one, else the other's. */
    public ErrorCounts plus(ErrorCounts other) {
        EnumMap<ErrorKind, Long> sumCounts = enumMap(counts);
        other.counts.forEach((kind, count) -> sumCounts.merge(kind, count, Long::sum));
        EnumMap<ErrorKind, String> sumReasons = enumMap(other.reasons);
        sumReasons.putAll(reasons);
        return new ErrorCounts(sumCounts, sumReasons);
    }

    private static <V> EnumMap<ErrorKind, V> enumMap(Map<ErrorKind, V> map) {
        EnumMap<ErrorKind, V> copy = new EnumMap<>(ErrorKind.class);
        copy.putAll(map);
        return copy;
    }
}
