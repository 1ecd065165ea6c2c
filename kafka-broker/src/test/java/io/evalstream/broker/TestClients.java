package io.evalstream.broker;

import io.evalstream.contracts.KafkaClients;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Clients for tests against a secured broker, with timeouts short enough that a refusal fails a test, not hangs it. */
final class TestClients {

    private TestClients() {
    }

    static KafkaClients of(Map<String, String> settings) {
        Map<String, Object> bounded = new HashMap<>(settings);
        bounded.putIfAbsent("default.api.timeout.ms", "10000");
        bounded.putIfAbsent("request.timeout.ms", "5000");
        bounded.putIfAbsent("max.block.ms", "10000");
        bounded.putIfAbsent("delivery.timeout.ms", "10000");
        return KafkaClients.of(bounded);
    }

    /** Sends one record with an idempotent producer, as services do, and waits for the broker's acknowledgement. */
    static RecordMetadata send(KafkaClients clients, String topic, String key) throws Exception {
        // Explicit, so a broker refusing idempotence fails the send instead of the client quietly doing without.
        try (KafkaProducer<String, byte[]> producer = clients.producer("test-" + key, Map.of(
                "enable.idempotence", true))) {
            return producer.send(new ProducerRecord<>(topic, key, key.getBytes())).get(15, TimeUnit.SECONDS);
        }
    }

    /** The cluster id, which only an authenticated client gets. */
    static String clusterId(KafkaClients clients) throws Exception {
        try (Admin admin = clients.admin("test-cluster-id")) {
            return admin.describeCluster().clusterId().get(15, TimeUnit.SECONDS);
        }
    }
}
