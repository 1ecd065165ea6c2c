package io.evalstream.reports.scoring;

/**
 * When a cell was graded, for its pace and ETA: the earliest and the latest grade time ever added (epoch ms), both
 * null while nothing was added. Taking a grade back keeps both, so the pace stays measured from the cell's first grade.
 */
public record GradingSpan(Long firstGradedAt, Long lastGradedAt) {

    public static final GradingSpan NONE = new GradingSpan(null, null);

    /** This span stretched to a grade made at {@code at} (epoch ms); unchanged when {@code at} is null. */
    GradingSpan including(Long at) {
        return plus(new GradingSpan(at, at));
    }

    GradingSpan plus(GradingSpan other) {
        return new GradingSpan(firstGradedAt == null ? other.firstGradedAt : other.firstGradedAt == null
                ? firstGradedAt : Long.valueOf(Math.min(firstGradedAt, other.firstGradedAt)),
                lastGradedAt == null ? other.lastGradedAt : other.lastGradedAt == null
                        ? lastGradedAt : Long.valueOf(Math.max(lastGradedAt, other.lastGradedAt)));
    }
}
