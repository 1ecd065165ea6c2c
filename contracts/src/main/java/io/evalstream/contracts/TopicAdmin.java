package io.evalstream.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the evalstream topics that do not exist yet; every service calls it on start, whoever comes first wins.
 * Topics that exist are left alone without asking to create them, so on a secured cluster, where the topics are
 * made by an administrator (or Strimzi's {@code KafkaTopic}s), a service needs no right to create topics.
 */
public final class TopicAdmin {

    private static final System.Logger LOG = System.getLogger(TopicAdmin.class.getName());

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
    public static void ensureTopics(KafkaClients kafka, int partitions, short replicationFactor) {
        try (Admin admin = kafka.admin("evalstream-topic-admin")) {
            // Only topics this identity may describe are listed; a secured service may describe those it uses.
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<String> refused = new ArrayList<>();
            for (Topics.Definition definition : Topics.ALL) {
                if (!existing.contains(definition.name())
                        && !create(admin, kafka, definition, partitions, replicationFactor)) {
                    refused.add(definition.name());
                }
            }
            if (!refused.isEmpty()) {
                // Least privilege: a secured service may neither create nor even see the topics it does not use.
                LOG.log(System.Logger.Level.INFO, "Not allowed to see or create " + refused + " on " + kafka
                        + "; on a secured cluster an administrator creates the topics (deploy/k8s: Strimzi"
                        + " KafkaTopics). A topic this service uses that is missing stalls it until created.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " (" + kafka.securityProtocol()
                    + ") did not list its topics within 60 s (" + (e.getCause() != null ? e.getCause() : e)
                    + "); check kafka.bootstrap.servers and, on a secured cluster, kafka.security.protocol and the"
                    + " credentials", e);
        }
    }

    /** @return false when this identity may not create the topic */
    private static boolean create(Admin admin, KafkaClients kafka, Topics.Definition definition, int partitions,
            short replicationFactor) throws InterruptedException, TimeoutException {
        NewTopic topic = new NewTopic(definition.name(), partitions, replicationFactor).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                definition.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_MESSAGE_BYTES)));
        try {
            admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException
                    || e.getCause() instanceof ClusterAuthorizationException) {
                return false;
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + definition.name() + " on "
                        + kafka.bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
        return true;
    }
}
