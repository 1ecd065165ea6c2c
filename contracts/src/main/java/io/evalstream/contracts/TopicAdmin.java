package io.evalstream.contracts;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the evalstream topics that do not exist yet; every service calls it on start, whoever comes first wins. */
public final class TopicAdmin {

    /**
     * Largest record the topics take (8 MiB), far above {@link WireFormat#MAX_BYTES}: an oversized record must reach
     * its consumer, which rejects it with a reason, and the dead-letter topic must be able to keep it whole. Services
     * that dead-letter records give their dead-letter producers the same limit.
     */
    public static final int MAX_MESSAGE_BYTES = 8 << 20;

    private TopicAdmin() {
    }

    /**
     * @param partitions partitions of each new topic; it bounds how many replicas of a service share the work
     * @throws IllegalStateException when the broker cannot be reached within 60 seconds
     */
    public static void ensureTopics(String bootstrapServers, int partitions, short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (Topics.Definition definition : Topics.ALL) {
                NewTopic topic = new NewTopic(definition.name(), partitions, replicationFactor).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        definition.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES)));
                try {
                    admin.createTopics(java.util.List.of(topic)).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + definition.name() + " on "
                                + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 60 s;"
                    + " check kafka.bootstrap.servers", e);
        }
    }
}
