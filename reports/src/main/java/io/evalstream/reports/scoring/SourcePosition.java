package io.evalstream.reports.scoring;

/** A record's place on the grades topic. */
public record SourcePosition(int partition, long offset) {
}
