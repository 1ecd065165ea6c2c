package io.evalstream.aggregator.streams;

import io.evalstream.aggregator.config.AggregatorConfig;
import io.evalstream.aggregator.cluster.Peers;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.TopicAdmin;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link ScoreTopology} for the life of the service. Kafka Streams gets the service's Kafka client settings
 * (every {@code kafka.*} property, so a secured cluster is configured once) with every {@code kafka-streams.*}
 * property on top, prefix removed (as the Quarkus extension would). Topics are created before start, because Kafka
 * Streams stops on a missing source topic.
 */
@ApplicationScoped
public class StreamsLifecycle {

    private static final Logger LOG = Logger.getLogger(StreamsLifecycle.class);

    private final AggregatorConfig config;
    private final Config properties;
    private final KafkaClients kafka;
    private final Event<StreamsRunning> running;
    private final int topicPartitions;
    private final short replicationFactor;
    private final Peers peers;
    private final HostInfo self;
    private volatile KafkaStreams streams;
    private volatile int partitions;

    StreamsLifecycle(AggregatorConfig config, Config properties, KafkaClients kafka,
            Event<StreamsRunning> running,
            @ConfigProperty(name = "evalstream.topics.partitions", defaultValue = "6") int topicPartitions,
            @ConfigProperty(name = "evalstream.topics.replication-factor", defaultValue = "1") short replicationFactor,
            Peers peers, @ConfigProperty(name = "quarkus.http.port", defaultValue = "8084") int httpPort) {
        this.config = config;
        this.properties = properties;
        this.kafka = kafka;
        this.running = running;
        this.topicPartitions = topicPartitions;
        this.replicationFactor = replicationFactor;
        this.peers = peers;
        this.self = HostInfo.buildFromEndpoint(config.advertisedAddress().orElse("localhost:" + httpPort));
    }

    void start(@Observes StartupEvent event) {
        Properties streamsConfig = streamsConfig();
        TopicAdmin.ensureTopics(kafka, topicPartitions, replicationFactor);
        partitions = gradePartitions();
        KafkaStreams created = new KafkaStreams(ScoreTopology.build(), streamsConfig);
        created.setStateListener(this::stateChanged);
        created.setUncaughtExceptionHandler(this::failed);
        streams = created;
        created.start();
        LOG.infof("Kafka Streams application %s started on %s, state in %s; this instance answers its peers at %s,"
                + " %s standby replica(s) per store",
                streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), kafka,
                streamsConfig.getProperty(StreamsConfig.STATE_DIR_CONFIG),
                streamsConfig.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG),
                streamsConfig.getProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0"));
    }

    void stop(@Observes ShutdownEvent event) {
        KafkaStreams current = streams;
        // Leaving the group lets a restarted aggregator take the partitions at once instead of after a session timeout.
        if (current != null && !current.close(CloseOptions.timeout(config.closeTimeout())
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
            LOG.warnf("Kafka Streams did not close within %s; uncommitted work will be redone on the next start",
                    config.closeTimeout());
        }
    }

    /** The current state; empty before start. */
    public Optional<KafkaStreams.State> state() {
        KafkaStreams current = streams;
        return current == null ? Optional.empty() : Optional.of(current.state());
    }

    /** @throws StreamsNotStartedException before start, so callers treat it like any unreadable store */
    public ScoreStores stores() {
        KafkaStreams current = streams;
        if (current == null) {
            throw new StreamsNotStartedException("Kafka Streams is not started yet");
        }
        return new ScoreStores(current, new LocalStores(current, partitions), peers, self);
    }

    /** This instance's share of the stores only. */
    public LocalStores local() {
        return stores().local();
    }

    Properties streamsConfig() {
        Properties config = kafka.with(KafkaClients.prefixed(properties.getPropertyNames(),
                name -> properties.getOptionalValue(name, String.class), "kafka-streams.", "KAFKA_STREAMS_"));
        // Where the other instances find this one's REST API: Kafka Streams shares it in the group's metadata.
        config.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        return config;
    }

    /**
     * Partitions of the grades topic, which every partitioned store has as many of. A topic created a moment ago may
     * not be in the metadata yet, so an unknown topic is asked again for a while.
     */
    private int gradePartitions() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Admin admin = kafka.admin("evalstream-aggregator-partitions")) {
            while (true) {
                try {
                    return admin.describeTopics(List.of(Topics.GRADES)).allTopicNames().get(30, TimeUnit.SECONDS)
                            .get(Topics.GRADES).partitions().size();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("cannot read the partition count of " + Topics.GRADES
                                + " on " + kafka + ": " + e.getCause().getMessage(), e);
                    }
                    Thread.sleep(100);
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from " + kafka + " on the partitions of " + Topics.GRADES, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the partitions of " + Topics.GRADES, e);
        }
    }

    private void stateChanged(KafkaStreams.State next, KafkaStreams.State previous) {
        LOG.infof("Kafka Streams %s -> %s", previous, next);
        if (next == KafkaStreams.State.RUNNING) {
            running.fireAsync(new StreamsRunning(stores()));
        }
    }

    private StreamThreadExceptionResponse failed(Throwable error) {
        LOG.error("A Kafka Streams thread failed; stopping the aggregator's topology (liveness turns DOWN)."
                + " Restart the service once the cause is fixed: it resumes from its changelogs with exact counts", error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
