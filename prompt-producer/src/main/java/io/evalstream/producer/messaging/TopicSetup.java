package io.evalstream.producer.messaging;

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

    private final String bootstrapServers;
    private final int partitions;

    TopicSetup(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "evalstream.topics.partitions", defaultValue = "6") int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
    }

    void onStart(@Observes StartupEvent event) {
        TopicAdmin.ensureTopics(bootstrapServers, partitions, (short) 1);
        LOG.infof("Topics ready on %s (%d partitions for new topics)", bootstrapServers, partitions);
    }
}
