package io.evalstream.reports.scoring;

import io.evalstream.contracts.SourcePosition;

/**
 * When a sample's grade was made and where it sits on the grades topic.
 *
 * @param gradedAtMillis when the grade was made (epoch ms), for the pace and ETA; null in older state
 * @param source         where the grade sits on the grades topic, so the per-sample export reads exactly the latest
 *                       record of each task; null in the tally (which does not need it) and in older state
 */
public record SampleOrigin(Long gradedAtMillis, SourcePosition source) {

    public static final SampleOrigin NONE = new SampleOrigin(null, null);

    /** This origin without its position, which no tally needs. */
    SampleOrigin withoutSource() {
        return source == null ? this : new SampleOrigin(gradedAtMillis, null);
    }
}
