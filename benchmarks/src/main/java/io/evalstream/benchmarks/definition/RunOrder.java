package io.evalstream.benchmarks.definition;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The order of a benchmark's items; a run's {@code limit} takes a prefix of it. */
public enum RunOrder {
    /** Files sorted by path, records in file order. */
    @JsonProperty("file")
    FILE,
    /** The first item of every subset (subsets sorted by id), then the second of each, ...: any prefix spans subsets. */
    @JsonProperty("round-robin")
    ROUND_ROBIN
}
