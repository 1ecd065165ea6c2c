package io.evalstream.broker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker, the one {@link TestBrokers} chooses: a Kafka container where
 * Docker answers, the embedded KRaft broker elsewhere. One broker per test JVM, shared by every test class that
 * names this resource; tests keep out of each other's way with unique run ids.
 */
public final class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static TestBroker broker;

    @Override
    public synchronized Map<String, String> start() {
        if (broker == null) {
            broker = TestBrokers.start();
            TestBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-kafka-stop"));
        }
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker outlives one test class so the next class in this JVM reuses it; the shutdown hook stops it and
        // deletes what it kept.
    }
}
