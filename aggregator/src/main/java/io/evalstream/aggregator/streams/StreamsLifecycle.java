package io.evalstream.aggregator.streams;

import io.evalstream.aggregator.config.AggregatorConfig;
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
 * Runs the {@link ScoreTopology} for the life of the service. Every {@code kafka-streams.*} property is
 * passed to Kafka Streams with the prefix removed (as the Quarkus extension would). Topics are created
 * before start, because Kafka Streams stops on a missing source topic.
 */
@ApplicationScoped
public class StreamsLifecycle {

    private static final Logger LOG = Logger.getLogger(StreamsLifecycle.class);
    private static final String PREFIX = "kafka-streams.";

    private final ScoreEvents events;
    private final AggregatorConfig config;
    private final Config properties;
    private final Event<StreamsRunning> running;
    private final int topicPartitions;
    private volatile KafkaStreams streams;

    StreamsLifecycle(ScoreEvents events, AggregatorConfig config, Config properties, Event<StreamsRunning> running,
            @ConfigProperty(name = "evalstream.topics.partitions", defaultValue = "6") int topicPartitions) {
        this.events = events;
        this.config = config;
        this.properties = properties;
        this.running = running;
        this.topicPartitions = topicPartitions;
    }

    void start(@Observes StartupEvent event) {
        Properties streamsConfig = streamsConfig();
        String bootstrap = streamsConfig.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        TopicAdmin.ensureTopics(bootstrap, topicPartitions, (short) 1);
        KafkaStreams created = new KafkaStreams(new ScoreTopology(events).build(), streamsConfig);
        created.setStateListener(this::stateChanged);
        created.setUncaughtExceptionHandler(this::failed);
        streams = created;
        created.start();
        LOG.infof("Kafka Streams application %s started on %s, state in %s",
                streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), bootstrap,
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
        Properties result = new Properties();
        for (String name : properties.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                properties.getOptionalValue(name, String.class)
                        .ifPresent(value -> result.put(name.substring(PREFIX.length()), value));
            }
        }
        return result;
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
