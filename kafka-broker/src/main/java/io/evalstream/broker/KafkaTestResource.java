package io.evalstream.broker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker. One broker per test JVM, shared by every test
 * class that names this resource; tests keep out of each other's way with unique run ids.
 */
public final class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static LocalKafka broker;

    @Override
    public synchronized Map<String, String> start() {
        if (broker == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("evalstream-test-kafka");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the test broker", e);
            }
            broker = LocalKafka.start(dir);
            // Its data goes with it: each test JVM formats a new broker, so nothing would ever read it again.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.kill();
                Directories.delete(dir);
            }, "test-kafka-stop"));
        }
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker outlives one test class so the next class in this JVM reuses it; the shutdown hook stops it and
        // deletes its directory.
    }
}
