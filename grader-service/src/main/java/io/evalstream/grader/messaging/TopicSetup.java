package io.evalstream.grader.messaging;

import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.TopicAdmin;
import io.evalstream.grader.config.TopicsConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

/** Creates the evalstream topics on start, so the service works against a fresh broker. */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final TopicsConfig topics;
    private final KafkaClients kafka;

    TopicSetup(TopicsConfig topics, KafkaClients kafka) {
        this.topics = topics;
        this.kafka = kafka;
    }

    // Runs before the messaging channels start (they observe StartupEvent at LIBRARY_BEFORE), so the
    // consumer subscribes to topics that already have their partitions.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        TopicAdmin.ensureTopics(kafka, topics.partitions(), topics.replicationFactor());
        LOG.infof("evalstream topics present on %s", kafka);
    }
}
