package io.evalstream.servicekit;

import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.TopicAdmin;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the evalstream topics a fresh broker lacks when a service starts. The keys are shared by every service, so
 * whichever starts first creates the topics the same way: {@code evalstream.topics.partitions} bounds how many
 * replicas of a service share the work, {@code evalstream.topics.replication-factor} is 1 for a one-broker cluster
 * and 3 for a production one.
 */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    // Before the messaging channels start (they observe StartupEvent at LIBRARY_BEFORE), so a consumer subscribes to
    // topics that already have their partitions.
    void createTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            KafkaClients kafka,
            @ConfigProperty(name = "evalstream.topics.partitions", defaultValue = "6") int partitions,
            @ConfigProperty(name = "evalstream.topics.replication-factor", defaultValue = "1") short replicationFactor) {
        TopicAdmin.ensureTopics(kafka, partitions, replicationFactor);
        LOG.infof("Topics ready on %s (%d partitions, replication factor %d for new topics)", kafka, partitions,
                replicationFactor);
    }
}
