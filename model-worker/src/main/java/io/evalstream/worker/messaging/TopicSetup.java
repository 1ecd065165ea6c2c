package io.evalstream.worker.messaging;

import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.TopicAdmin;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Creates the evalstream topics on a fresh broker, before the messaging channels start (they start at LIBRARY_BEFORE). */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    void createTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            KafkaClients kafka,
            @ConfigProperty(name = "evalstream.topics.partitions", defaultValue = "6") int partitions,
            @ConfigProperty(name = "evalstream.topics.replication-factor", defaultValue = "1") short replicationFactor) {
        TopicAdmin.ensureTopics(kafka, partitions, replicationFactor);
        LOG.infof("Topics ready on %s", kafka);
    }
}
