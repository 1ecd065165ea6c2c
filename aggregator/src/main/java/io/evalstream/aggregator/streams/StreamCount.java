package io.evalstream.aggregator.streams;

/**
 * What the topology counts in its {@link ScoreTopology#COUNTS} store, one entry per count and partition. A store
 * write is part of the task's exactly-once transaction, so an aborted transaction takes its counts back with it and
 * the records it redoes count once; a counter pushed to Micrometer from {@code process()} would count them twice.
 */
public enum StreamCount {

    /** Valid grade records read, re-deliveries included. */
    GRADES_READ,
    /** Records of the grades topic written to the dead-letter topic. */
    GRADES_DEAD_LETTERED
}
