package io.evalstream.aggregator.streams;

import io.evalstream.aggregator.config.AggregatorConfig;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.TopicAdmin;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
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

    private final ScoreEvents events;
    private final AggregatorConfig config;
    private final Config properties;
    private final KafkaClients kafka;
    private final Event<StreamsRunning> running;
    private final int topicPartitions;
    private volatile KafkaStreams streams;

    StreamsLifecycle(ScoreEvents events, AggregatorConfig config, Config properties, KafkaClients kafka,
            Event<StreamsRunning> running,
            @ConfigProperty(name = "evalstream.topics.partitions", defaultValue = "6") int topicPartitions) {
        this.events = events;
        this.config = config;
        this.properties = properties;
        this.kafka = kafka;
        this.running = running;
        this.topicPartitions = topicPartitions;
    }

    void start(@Observes StartupEvent event) {
        Properties streamsConfig = streamsConfig();
        TopicAdmin.ensureTopics(kafka, topicPartitions, (short) 1);
        KafkaStreams created = new KafkaStreams(new ScoreTopology(events).build(), streamsConfig);
        created.setStateListener(this::stateChanged);
        created.setUncaughtExceptionHandler(this::failed);
        streams = created;
        created.start();
        LOG.infof("Kafka Streams application %s started on %s, state in %s",
                streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), kafka,
                streamsConfig.getProperty(StreamsConfig.STATE_DIR_CONFIG));
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
        return new ScoreStores(current);
    }

    Properties streamsConfig() {
        return kafka.with(KafkaClients.prefixed(properties.getPropertyNames(),
                name -> properties.getOptionalValue(name, String.class), "kafka-streams.", "KAFKA_STREAMS_"));
    }

    private void stateChanged(KafkaStreams.State next, KafkaStreams.State previous) {
        LOG.infof("Kafka Streams %s -> %s", previous, next);
        if (next == KafkaStreams.State.RUNNING) {
            running.fireAsync(new StreamsRunning(new ScoreStores(streams)));
        }
    }

    private StreamThreadExceptionResponse failed(Throwable error) {
        LOG.error("A Kafka Streams thread failed; stopping the aggregator's topology (liveness turns DOWN)."
                + " Restart the service once the cause is fixed: it resumes from its changelogs with exact counts", error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
