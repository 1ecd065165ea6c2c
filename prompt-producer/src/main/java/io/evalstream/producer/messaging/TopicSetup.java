package io.evalstream.producer.messaging;

import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.TopicAdmin;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Creates the evalstream topics on start, so the producer works against a fresh broker. */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final KafkaClients kafka;
    private final int partitions;
    private final short replicationFactor;

    TopicSetup(KafkaClients kafka,
            @ConfigProperty(name = "evalstream.topics.partitions", defaultValue = "6") int partitions,
            @ConfigProperty(name = "evalstream.topics.replication-factor", defaultValue = "1") short replicationFactor) {
        this.kafka = kafka;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    void onStart(@Observes StartupEvent event) {
        TopicAdmin.ensureTopics(kafka, partitions, replicationFactor);
        LOG.infof("Topics ready on %s (%d partitions, replication factor %d for new topics)", kafka, partitions,
                replicationFactor);
    }
}
