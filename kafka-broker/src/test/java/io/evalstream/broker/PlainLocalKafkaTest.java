package io.evalstream.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.KafkaClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
@Tag("integration")
class PlainLocalKafkaTest {

    private static Path dir;
    private static LocalKafka kafka;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("plain-kafka");
        kafka = LocalKafka.start(dir);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.stop();
        }
        Directories.delete(dir);
    }

    @Test
    void takesPlaintextClientsWithoutCredentialsAndAutoCreatesTopics() throws Exception {
        assertThat(kafka.security()).isEmpty();
        KafkaClients anyone = KafkaClients.plaintext(kafka.bootstrapServers());
        assertThat(TestClients.send(anyone, "plain-test", "key").partition())
                .isBetween(0, LocalKafka.DEFAULT_PARTITIONS - 1);
        assertThat(kafka.directory().resolve("format.args")).doesNotExist();
    }
}
