package io.evalstream.contracts;

/** A record's place on a topic: a grade's on the grades topic, or that of the completion a grade points at. */
public record SourcePosition(int partition, long offset) {
}
