package io.evalstream.aggregator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The aggregator's own settings. Kafka Streams settings are the {@code kafka-streams.*} properties in
 * {@code application.properties}, passed through as they are; the partition count of topics created at
 * startup is the shared {@code evalstream.topics.partitions}.
 */
@ConfigMapping(prefix = "evalstream.aggregator")
public interface AggregatorConfig {

    /** Retry-After of a 503 while the stores are starting, restoring or rebalancing. */
    @WithDefault("1s")
    Duration retryAfter();

    /** How long shutdown waits for Kafka Streams to commit its last transaction and close. */
    @WithDefault("30s")
    Duration closeTimeout();
}
