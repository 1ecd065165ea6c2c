package io.evalstream.aggregator.streams;

/** CDI event fired (asynchronously) each time Kafka Streams reaches RUNNING: its stores can be read now. */
public record StreamsRunning(ScoreStores stores) {
}
