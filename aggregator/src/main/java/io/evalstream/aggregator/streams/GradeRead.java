package io.evalstream.aggregator.streams;

import io.evalstream.reports.scoring.GradedSample;

/** The outcome of reading one record of the grades topic; lives only between two topology nodes. */
sealed interface GradeRead {

    /** A valid grade, with the task id it must be keyed by. */
    record Accepted(String taskId, GradedSample sample) implements GradeRead {
    }

    /** An unreadable record, kept byte for byte for the dead-letter topic. */
    record Rejected(byte[] raw) implements GradeRead {
    }
}
