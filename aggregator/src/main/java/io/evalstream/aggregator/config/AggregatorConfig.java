package io.evalstream.aggregator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The aggregator's own settings. Kafka Streams settings are the {@code kafka-streams.*} properties in
 * {@code application.properties}, passed through as they are; the partition count of topics created at
 * startup is the shared {@code evalstream.topics.partitions}.
 */
@ConfigMapping(prefix = "evalstream.aggregator")
public interface AggregatorConfig {

    /**
     * {@code host:port} at which the other instances reach this one's REST API (Kafka Streams'
     * {@code application.server}); default {@code localhost:<quarkus.http.port>}, which suits one instance or
     * several on one machine. In Kubernetes: the pod's IP and port.
     */
    Optional<String> advertisedAddress();

    /** Retry-After of a 503 while the stores are starting, restoring or rebalancing. */
    @WithDefault("1s")
    Duration retryAfter();

    /**
     * How often the instance leading a run with a stop rule looks at its comparison (off the stream threads; each
     * look reads the run's latest grades once).
     */
    @WithDefault("2s")
    Duration earlyStopInterval();

    /** The live gauges. */
    Gauges gauges();

    /** When a run's gauges leave the Prometheus endpoint. */
    interface Gauges {

        /** A run complete and without new grades for this long loses its gauges. */
        @WithDefault("15m")
        Duration finishedRunTtl();

        /** A run without new grades (or manifest) for this long loses its gauges, complete or not. */
        @WithDefault("24h")
        Duration idleRunTtl();

        /**
         * How often the gauges and counters read the stores (the topology pushes nothing, so this is how far they
         * trail the grades), follow the partitions this instance runs, and a run's leader reads the other instances'
         * cells for the run-level gauges (ETA, category, overall). Rebalances also trigger it.
         */
        @WithDefault("500ms")
        Duration reconcileInterval();

        /** How often runs are checked for expiry. */
        @WithDefault("10s")
        Duration expiryCheckInterval();
    }

    /** Consumer lag of the pipeline's groups, as gauges. */
    Lag lag();

    interface Lag {

        /** Consumer groups whose lag is watched: the workers', the graders' and the aggregator's own. */
        @WithDefault("evalstream-worker,evalstream-grader,evalstream-aggregator")
        List<String> groups();

        /** How often lag and end offsets are read from the broker. */
        @WithDefault("5s")
        Duration interval();
    }

    /** The per-sample export ({@code GET /runs/{runId}/samples}). */
    Export export();

    interface Export {

        /**
         * How long reading one partition of the grades topic may go without a record before the export gives up
         * on that partition; the samples not read by then are exported with {@code "unavailable"}.
         */
        @WithDefault("30s")
        Duration stallTimeout();
    }

    /** How long shutdown waits for Kafka Streams to commit its last transaction and close. */
    @WithDefault("30s")
    Duration closeTimeout();
}
