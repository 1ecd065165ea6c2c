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

    TopicSetup(KafkaClients kafka,
            @ConfigProperty(name = "evalstream.topics.partitions", defaultValue = "6") int partitions) {
        this.kafka = kafka;
        this.partitions = partitions;
    }

    void onStart(@Observes StartupEvent event) {
        TopicAdmin.ensureTopics(kafka, partitions, (short) 1);
        LOG.infof("Topics ready on %s (%d partitions for new topics)", kafka, partitions);
    }
}
